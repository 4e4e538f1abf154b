using System.Text.Json;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Tests.Validity;

public sealed class HourTallyTests
{
    private static readonly DateTimeOffset HourStart = new(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly ClockHour Hour = LocalCalendar.China.HourOf(HourStart);

    private static WindowReading At(int minute, double? value, Quality quality = Quality.Ok, int seconds = 60) =>
        new(HourStart.AddMinutes(minute), seconds, value, quality);

    [Fact]
    public void Readings_in_any_order_give_the_same_mean_as_the_batch_computation()
    {
        var readings = Enumerable.Range(0, 50).Select(m => At(m, 10 + m % 7)).Append(At(55, null, Quality.Invalid)).Append(At(56, 3, Quality.Suspect)).ToList();
        var shuffled = readings.OrderBy(r => (r.Start.Minute * 37) % 59).ToList();
        var tally = new HourTally(Hour, MeanKind.Arithmetic);
        foreach (var reading in shuffled) tally.Add(reading);

        var expected = HourlyMeans.Compute(Hour, readings, MeanKind.Arithmetic);
        var mean = tally.ToMean();
        Assert.Equal(expected.Value!.Value, mean.Value!.Value, 10);
        Assert.Equal((expected.Coverage, expected.Usable, expected.Suspect, expected.Invalid), (mean.Coverage, mean.Usable, mean.Suspect, mean.Invalid));
        Assert.Single(tally.Covered);
        Assert.Equal(TimeSpan.FromMinutes(50), tally.Coverage);
    }

    [Fact]
    public void Gaps_stay_uncovered_until_filled_and_a_full_hour_is_complete()
    {
        var tally = new HourTally(Hour, MeanKind.Arithmetic);
        foreach (var minute in new[] { 0, 1, 5, 6, 30 }) tally.Add(At(minute, 1));
        Assert.Equal(3, tally.Covered.Count);
        for (var minute = 0; minute < 60; minute++) tally.Add(At(minute, 1));
        Assert.Single(tally.Covered);
        Assert.True(tally.IsComplete);
    }

    [Fact]
    public void A_window_across_the_hour_boundary_counts_only_its_part_inside()
    {
        var tally = new HourTally(Hour, MeanKind.Arithmetic);
        tally.Add(new WindowReading(HourStart.AddMinutes(-30), 3600, 42, Quality.Ok));
        Assert.Equal(TimeSpan.FromMinutes(30), tally.Coverage);
        Assert.Null(tally.ToMean().Value);
    }

    [Fact]
    public void An_open_tally_survives_a_json_round_trip()
    {
        var tally = new HourTally(Hour, MeanKind.Energy);
        for (var minute = 0; minute < 40; minute++) tally.Add(At(minute, 50 + minute % 5));
        var copy = JsonSerializer.Deserialize<HourTally>(JsonSerializer.Serialize(tally))!;
        for (var minute = 40; minute < 60; minute++)
        {
            tally.Add(At(minute, 60));
            copy.Add(At(minute, 60));
        }
        Assert.Equal(tally.ToMean(), copy.ToMean());
    }

    [Fact]
    public void Removing_a_value_restores_the_mean_without_it()
    {
        var mean = new MeanAccumulator(MeanKind.Energy);
        mean.Add(60);
        mean.Add(70);
        mean.Remove(70);
        Assert.Equal(60, mean.Mean!.Value, 9);
        mean.Remove(60);
        Assert.Null(mean.Mean);
    }
}
