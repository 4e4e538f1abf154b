using System.Text.Json;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.Alerts;
using CityBrain.Indicators.Network;
using CityBrain.Indicators.Noise;
using CityBrain.Indicators.Rankings;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Tests;

/// <summary>Grains persist and send these results; the library has no Orleans dependency, so they must survive a
/// plain System.Text.Json round trip (Orleans' JSON serializer, or a grain's own state).</summary>
public sealed class SerializationTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static void RoundTrips<T>(T value)
    {
        var json = JsonSerializer.Serialize(value);
        var back = JsonSerializer.Deserialize<T>(json);
        Assert.Equal(json, JsonSerializer.Serialize(back));
    }

    [Fact]
    public void An_aqi_result_round_trips()
    {
        RoundTrips(AqiStandards.Hj633_2012.Evaluate(AqiPeriod.Hour, new Dictionary<Measure, decimal>
        {
            [Measure.OneHour(Pollutant.So2)] = 900,
            [Measure.TwentyFourHours(Pollutant.So2)] = 300,
            [Measure.OneHour(Pollutant.Pm2_5)] = 600,
        }));
    }

    [Fact]
    public void An_alert_book_round_trips_and_keeps_evaluating()
    {
        var key = new AlertKey(AlertKind.AirPolluted, "haidian");
        var book = AlertBook.Empty.Evaluate([new AlertCheck(key, At, 120, 100)]).Book;
        book = book.Evaluate([new AlertCheck(key, At.AddHours(1), 80, 100)]).Book;

        var back = JsonSerializer.Deserialize<AlertBook>(JsonSerializer.Serialize(book))!;
        var step = back.Evaluate([new AlertCheck(key, At.AddHours(2), 80, 100)]);

        Assert.Equal(At.AddHours(1), Assert.Single(step.Events).Alert.End);
    }

    [Fact]
    public void Health_ranking_noise_and_hourly_means_round_trip()
    {
        RoundTrips(NetworkHealth.Assess([new DeviceObservation("gw-1", "haidian", At, false,
            [new QuantityObservation(Quantity.Pm2_5, Quality.Invalid, At, "fan stalled")], 3, 4)], At));
        RoundTrips(DistrictRanking.Rank("aqi", [new DistrictValues("a", new Dictionary<string, double> { ["aqi"] = 50 })],
            [new DistrictValues("a", new Dictionary<string, double> { ["aqi"] = 70 })]));
        RoundTrips(DailyNoise.Compute(LocalCalendar.China, NoiseSchedule.Default, new DateOnly(2026, 3, 1), HourlySeries.Empty));
        RoundTrips(HourlyMeans.Compute(LocalCalendar.China, [new WindowReading(At, 3600, 12.5, Quality.Ok)], MeanKind.Arithmetic));
    }
}
