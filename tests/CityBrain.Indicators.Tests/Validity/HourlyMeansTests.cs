using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Tests.Validity;

public sealed class HourlyMeansTests
{
    private static readonly DateTimeOffset HourStart = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly ClockHour Hour = LocalCalendar.China.HourOf(HourStart);

    private static IEnumerable<WindowReading> Minutes(int count, double value, Quality quality = Quality.Ok, int fromMinute = 0) =>
        Enumerable.Range(fromMinute, count).Select(m => new WindowReading(HourStart.AddMinutes(m), 60, value, quality));

    [Theory]
    [InlineData(45, true)]
    [InlineData(44, false)]
    public void An_hour_needs_45_minutes_of_sampling(int minutes, bool valid)
    {
        var mean = HourlyMeans.Compute(Hour, Minutes(minutes, 30), MeanKind.Arithmetic);

        Assert.Equal(valid, mean.IsValid);
        Assert.Equal(TimeSpan.FromMinutes(minutes), mean.Coverage);
        Assert.Equal(valid ? 30 : null, mean.Value);
    }

    [Fact]
    public void The_minimum_coverage_is_configurable()
    {
        var rules = ValidityRules.Default with { HourMinimumCoverage = TimeSpan.FromMinutes(30) };

        Assert.True(HourlyMeans.Compute(Hour, Minutes(30, 30), MeanKind.Arithmetic, rules).IsValid);
    }

    [Fact]
    public void Windows_are_weighted_by_the_time_they_cover()
    {
        WindowReading[] readings =
        [
            new(HourStart, 2700, 10, Quality.Ok),                  // 45 min of 10
            new(HourStart.AddMinutes(45), 900, 50, Quality.Ok),    // 15 min of 50
        ];

        Assert.Equal(20, HourlyMeans.Compute(Hour, readings, MeanKind.Arithmetic).Value!.Value, 9);
    }

    [Fact]
    public void Invalid_and_suspect_readings_are_counted_but_never_averaged()
    {
        var readings = Minutes(50, 20)
            .Concat(Minutes(5, 9999, Quality.Suspect, fromMinute: 50))
            .Concat(Minutes(5, 9999, Quality.Invalid, fromMinute: 55))
            .Append(new WindowReading(HourStart.AddMinutes(59), 60, null, Quality.Invalid));

        var mean = HourlyMeans.Compute(Hour, readings, MeanKind.Arithmetic);

        Assert.Equal(20, mean.Value);
        Assert.Equal((50, 5, 6), (mean.Usable, mean.Suspect, mean.Invalid));
        Assert.Equal(TimeSpan.FromMinutes(50), mean.Coverage);
    }

    [Fact]
    public void Suspect_minutes_do_not_make_an_hour_valid()
    {
        var readings = Minutes(40, 20).Concat(Minutes(20, 20, Quality.Suspect, fromMinute: 40));

        Assert.False(HourlyMeans.Compute(Hour, readings, MeanKind.Arithmetic).IsValid);
    }

    [Fact]
    public void A_window_reported_twice_covers_its_time_once()
    {
        var readings = Minutes(30, 20).Concat(Minutes(30, 20));

        var mean = HourlyMeans.Compute(Hour, readings, MeanKind.Arithmetic);

        Assert.Equal(TimeSpan.FromMinutes(30), mean.Coverage);
        Assert.False(mean.IsValid);
    }

    [Fact]
    public void A_window_across_the_hour_boundary_counts_in_both_hours_for_its_share()
    {
        var readings = Enumerable.Range(0, 120).Select(i => new WindowReading(HourStart.AddSeconds(30 + 60 * i), 60, i < 60 ? 10 : 40, Quality.Ok));

        var means = HourlyMeans.Compute(LocalCalendar.China, readings, MeanKind.Arithmetic);

        Assert.Equal(3, means.Count);
        Assert.Equal(["2026-03-01 11:00", "2026-03-01 12:00", "2026-03-01 13:00"], means.Select(m => m.Hour.Label));
        Assert.Equal(TimeSpan.FromSeconds(3570), means[0].Coverage);
        Assert.Equal(TimeSpan.FromHours(1), means[1].Coverage);
        Assert.Equal(TimeSpan.FromSeconds(30), means[2].Coverage);
        // Hour two: 30 s of the last 10-window, 59 windows of 40 and 30 s of the first 40-window straddling in.
        Assert.Equal((30 * 10 + 3570 * 40) / 3600.0, means[1].Value!.Value, 9);
        Assert.False(means[2].IsValid);
    }

    [Fact]
    public void Sound_levels_average_as_energies()
    {
        var readings = Minutes(30, 60).Concat(Minutes(30, 70, fromMinute: 30));

        var mean = HourlyMeans.Compute(Hour, readings, MeanKind.Energy);

        Assert.Equal(67.4, Math.Round(mean.Value!.Value, 1));
        Assert.Equal(MeanKind.Energy, MeanKinds.For(Quantity.Noise));
        Assert.Equal(MeanKind.Arithmetic, MeanKinds.For(Quantity.Pm2_5));
    }
}
