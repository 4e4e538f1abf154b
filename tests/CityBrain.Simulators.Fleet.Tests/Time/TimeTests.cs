using CityBrain.Simulators.Fleet.Time;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Simulators.Fleet.Tests.Time;

public class TimeTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1.5h", 5400)]
    [InlineData("1d", 86400)]
    [InlineData("00:10:00", 600)]
    [InlineData("+2h", 7200)]
    [InlineData("-3m", -180)]
    [InlineData("250ms", 0.25)]
    public void Durations_read_as_people_write_them(string text, double seconds)
    {
        Assert.True(Durations.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("h")]
    [InlineData("1e400s")]
    public void Anything_else_is_not_a_duration(string text) => Assert.False(Durations.TryParse(text, out _));

    [Fact]
    public void Scenario_instants_are_offsets_from_the_start_or_times_with_an_offset()
    {
        var start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        Assert.True(ScenarioInstant.TryParse("+90m", out var relative));
        Assert.Equal(start.AddMinutes(90), relative.Resolve(start));
        Assert.True(ScenarioInstant.TryParse("2026-11-23T06:00:00+08:00", out var absolute));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 22, 0, 0, TimeSpan.Zero), absolute.Resolve(start));
        Assert.False(ScenarioInstant.TryParse("2026-11-23T06:00:00", out _));   // no offset: ambiguous
    }

    [Fact]
    public async Task Scaled_time_runs_faster_and_shrinks_delays_by_the_same_factor()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var simulated = new ScaledTimeProvider(real, start, 60);

        real.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(start.AddMinutes(10), simulated.GetUtcNow());

        var delay = Task.Delay(TimeSpan.FromHours(1), simulated);
        real.Advance(TimeSpan.FromSeconds(59));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
