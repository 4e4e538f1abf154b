using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Outbox.Thinning;

namespace CityBrain.Edge.Gateway.Tests.Outbox;

public class ReportMergerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static Telemetry Report(long sequence, DateTimeOffset start, int seconds, params Reading[] readings) =>
        new(Telemetry.CurrentVersion, "gw-1", sequence, start, seconds, readings);

    [Fact]
    public void Sound_levels_merge_as_energies_weighted_by_their_sample_counts()
    {
        var merged = ReportMerger.Merge(
            Report(4, At, 60, Reading.Of(Quantity.Noise, 60, Quality.Ok, "mic", 55, 62, 10)),
            Report(5, At.AddMinutes(1), 60, Reading.Of(Quantity.Noise, 70, Quality.Ok, "mic", 66, 75, 10)));

        var noise = Assert.Single(merged.Readings);
        Assert.Equal(67.4, noise.Value!.Value, 1);
        Assert.Equal((55.0, 75.0, 20), (noise.Min!.Value, noise.Max!.Value, noise.Count!.Value));
        Assert.Equal((4L, At, 120), (merged.Sequence, merged.Timestamp, merged.WindowSeconds));
    }

    [Fact]
    public void Other_quantities_merge_arithmetically_and_the_worse_quality_wins()
    {
        var merged = ReportMerger.Merge(
            Report(1, At, 60, Reading.Of(Quantity.Pm2_5, 10, Quality.Ok, "pms", count: 30)),
            Report(2, At.AddMinutes(1), 60, Reading.Of(Quantity.Pm2_5, 40, Quality.Suspect, "pms", count: 10, reason: "implausible jump")));

        var pm = Assert.Single(merged.Readings);
        Assert.Equal(17.5, pm.Value);
        Assert.Equal(Quality.Suspect, pm.Quality);
        Assert.Equal("implausible jump", pm.Reason);
    }

    [Fact]
    public void An_invalid_part_adds_no_samples_and_readings_of_one_part_only_are_kept()
    {
        var merged = ReportMerger.Merge(
            Report(1, At, 60, Reading.Of(Quantity.Co2, null, Quality.Invalid, "scd41", count: 0, reason: "warming up"), Reading.Of(Quantity.Temperature, 20, Quality.Ok, "sht", count: 12)),
            Report(2, At.AddMinutes(1), 60, Reading.Of(Quantity.Co2, 420, Quality.Ok, "scd41", count: 12)));

        Assert.Equal(2, merged.Readings.Count);
        Assert.Equal((420.0, Quality.Ok, 12), (merged.Readings[0].Value!.Value, merged.Readings[0].Quality, merged.Readings[0].Count!.Value));
        Assert.Equal(20, merged.Readings[1].Value);
    }

    [Theory]
    [InlineData(0, 60, 60, 60, true)]
    [InlineData(0, 60, 120, 60, true)]
    [InlineData(0, 120, 60, 60, false)]
    [InlineData(3540, 60, 3600, 60, false)]
    [InlineData(0, 1800, 1800, 1800, true)]
    public void Windows_merge_only_in_order_without_overlap_and_within_one_hour(int firstStart, int firstSeconds, int secondStart, int secondSeconds, bool mergeable) =>
        Assert.Equal(mergeable, ReportMerger.CanMerge(At.AddSeconds(firstStart), firstSeconds, At.AddSeconds(secondStart), secondSeconds, TimeSpan.FromHours(1)));
}
