using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.Alerts;
using CityBrain.Indicators.Network;
using CityBrain.Indicators.Noise;

namespace CityBrain.Indicators.Tests.Alerts;

public sealed class AlertBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AlertKey Air = new(AlertKind.AirPolluted, "haidian");

    /// <summary>Feeds one AQI per hour and returns every event with the final book.</summary>
    private static (List<AlertEvent> Events, AlertBook Book) Run(params double[] hourlyAqi)
    {
        var book = AlertBook.Empty;
        var events = new List<AlertEvent>();
        for (var i = 0; i < hourlyAqi.Length; i++)
        {
            var step = book.Evaluate([new AlertCheck(Air, T0.AddHours(i), hourlyAqi[i], 100)]);
            events.AddRange(step.Events);
            book = step.Book;
        }
        return (events, book);
    }

    [Fact]
    public void An_alert_is_raised_above_the_limit_not_at_it()
    {
        Assert.Empty(Run(100).Events);

        var (events, book) = Run(100, 101);

        var raised = Assert.Single(events);
        Assert.Equal(AlertTransition.Raised, raised.Transition);
        Assert.Equal((T0.AddHours(1), 101.0, 100.0), (raised.Alert.Start, raised.Alert.Value, raised.Alert.Limit));
        Assert.Null(Assert.Single(book.Active).Alert.End);
    }

    [Fact]
    public void A_value_hovering_around_the_limit_raises_once_and_never_flaps()
    {
        var (events, book) = Run(101, 99, 102, 95, 100, 101, 98, 96);

        Assert.Equal([AlertTransition.Raised], events.Select(e => e.Transition));
        Assert.Single(book.Active);
    }

    [Fact]
    public void An_alert_clears_after_two_evaluations_at_or_below_the_margin_and_ends_at_the_first()
    {
        var (events, book) = Run(120, 150, 90, 85);

        Assert.Empty(book.Active);
        var cleared = events.Single(e => e.Transition == AlertTransition.Cleared).Alert;
        Assert.Equal((T0, T0.AddHours(2)), (cleared.Start, cleared.End));
        Assert.Equal((150.0, 85.0), (cleared.Peak, cleared.Value));
    }

    [Fact]
    public void A_relapse_during_clearing_restarts_the_count()
    {
        var (events, book) = Run(120, 90, 95, 90);

        Assert.Equal([AlertTransition.Raised], events.Select(e => e.Transition));
        Assert.Equal(1, Assert.Single(book.Active).ClearStreak);
    }

    [Fact]
    public void A_missing_evaluation_changes_nothing()
    {
        var raised = Run(120).Book;

        var step = raised.Evaluate([]);

        Assert.Equal(raised.Active, step.Book.Active);
        Assert.Empty(step.Events);
    }

    [Fact]
    public void Alerts_with_different_keys_are_independent()
    {
        var other = new AlertKey(AlertKind.AirPolluted, "chaoyang");

        var step = AlertBook.Empty.Evaluate([new(Air, T0, 120, 100), new(other, T0, 50, 100)]);

        Assert.Equal(Air, Assert.Single(step.Book.Active).Alert.Key);
    }

    [Fact]
    public void Air_checks_cover_the_aqi_and_every_pollutant_with_its_limit()
    {
        var result = AqiStandards.Hj633_2026.Evaluate(AqiPeriod.Hour, new Dictionary<Measure, decimal>
        {
            [Measure.OneHour(Pollutant.Pm2_5)] = 80,
            [Measure.OneHour(Pollutant.No2)] = 50,
        });

        var step = AlertBook.Empty.Evaluate(AlertChecks.ForAir("haidian", T0, result));

        Assert.Equal(3, AlertChecks.ForAir("haidian", T0, result).Count());
        var raised = step.Events.Select(e => e.Alert).OrderBy(a => a.Key.Kind).ToList();
        Assert.Equal([AlertKind.AirPolluted, AlertKind.PollutantOverLimit], raised.Select(a => a.Key.Kind));
        Assert.Equal(("PM2.5-1h", 80.0, 60.0), (raised[1].Key.Subject, raised[1].Value, raised[1].Limit));
    }

    [Fact]
    public void Noise_clears_two_decibels_below_the_limit()
    {
        var book = AlertBook.Empty;
        var events = new List<AlertEvent>();
        double[] levels = [55.1, 53.5, 53.0, 52.9];
        for (var i = 0; i < levels.Length; i++)
        {
            var step = book.Evaluate([AlertChecks.ForNoise("haidian", T0.AddHours(i), NoiseZone.Class3.Assess(NoisePeriod.Night, levels[i]))]);
            events.AddRange(step.Events);
            book = step.Book;
        }

        Assert.Equal([AlertTransition.Raised, AlertTransition.Cleared], events.Select(e => e.Transition));
        Assert.Equal(T0.AddHours(2), events[1].Alert.End);
    }

    [Fact]
    public void A_device_is_alerted_offline_once_silent_beyond_the_window_and_cleared_when_heard_again()
    {
        var now = T0.AddHours(1);
        DeviceCondition Condition(TimeSpan silent, params QuantityObservation[] latest) =>
            DeviceCondition.Of(new DeviceObservation("gw-1", "haidian", now - silent, false, latest, 0, 0), now);

        var silent = AlertBook.Empty.Evaluate(AlertChecks.ForDevice(Condition(TimeSpan.FromMinutes(6)), now));
        var back = silent.Book.Evaluate(AlertChecks.ForDevice(Condition(TimeSpan.FromSeconds(10), new QuantityObservation(Quantity.Pm2_5, Quality.Invalid, now)), now.AddMinutes(1)));

        var offline = Assert.Single(silent.Events).Alert;
        Assert.Equal((AlertKind.DeviceOffline, "gw-1", 6.0, 5.0), (offline.Key.Kind, offline.Key.DeviceId, offline.Value, offline.Limit));
        Assert.Equal([(AlertTransition.Raised, AlertKind.DeviceFaulty), (AlertTransition.Cleared, AlertKind.DeviceOffline)],
            back.Events.Select(e => (e.Transition, e.Alert.Key.Kind)).OrderBy(e => e.Transition));
    }

    [Fact]
    public void A_stricter_policy_waits_longer_to_clear()
    {
        var policy = AlertPolicy.Default with { AirPolluted = new Hysteresis(AbsoluteMargin: 0, ClearAfter: 3) };
        var book = AlertBook.Empty.Evaluate([new(Air, T0, 120, 100)], policy).Book;

        book = book.Evaluate([new(Air, T0.AddHours(1), 100, 100)], policy).Book;
        book = book.Evaluate([new(Air, T0.AddHours(2), 100, 100)], policy).Book;
        Assert.Single(book.Active);
        Assert.Empty(book.Evaluate([new(Air, T0.AddHours(3), 100, 100)], policy).Book.Active);
    }
}
