using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Tests.Support;
using CityBrain.Simulators.Fleet.Uplinks;
using CityBrain.Simulators.Fleet.Values;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Simulators.Fleet.Tests.Backfill;

public class BackfillPlanTests
{
    private static readonly DateTimeOffset FirstLive = new(2026, 11, 23, 9, 17, 40, TimeSpan.Zero);

    [Fact]
    public void Thirty_days_are_the_part_hour_before_the_first_live_window_then_720_clock_hours_of_the_zone_newest_first()
    {
        var plan = BackfillPlan.Before(FirstLive, 30, TestCity.Beijing);

        Assert.Equal(30 * 24 + 1, plan.Windows.Count);
        Assert.Equal(new HistoryWindow(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(17 * 60 + 40)), plan.Windows[0]);
        var hours = plan.Windows.Skip(1).ToList();
        Assert.All(hours, w => Assert.Equal(TimeSpan.FromHours(1), w.Length));
        Assert.All(hours, w => Assert.Equal(0, TimeZoneInfo.ConvertTime(w.Start, TestCity.Beijing).Minute));
        Assert.All(hours.Zip(hours.Skip(1)), p => Assert.Equal(p.First.Start, p.Second.End));
        Assert.Equal(plan.Windows[0].Start, hours[0].End);
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 9, 0, 0, TimeSpan.Zero), hours[^1].Start);
    }

    [Fact]
    public void In_a_zone_half_an_hour_off_utc_the_windows_follow_its_clock_hours()
    {
        var india = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var plan = BackfillPlan.Before(FirstLive, 1, india);

        Assert.Equal(25, plan.Windows.Count);
        Assert.All(plan.Windows, w => Assert.Equal(0, TimeZoneInfo.ConvertTime(w.Start, india).Minute));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero), plan.Windows[0].Start);
    }

    [Fact]
    public void A_run_starting_on_a_window_that_begins_the_hour_has_no_part_hour_and_none_means_no_history()
    {
        var onTheHour = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(48, BackfillPlan.Before(onTheHour, 2, TestCity.Beijing).Windows.Count);
        Assert.Empty(BackfillPlan.Before(onTheHour, 0, TestCity.Beijing).Windows);
    }

    [Fact]
    public void History_reports_carry_the_live_value_model_deterministically_with_a_few_invalid_sensor_hours()
    {
        var city = TestCity.FourCharacters();
        var site = TestCity.Site(city, "works");
        var plan = BackfillPlan.Before(FirstLive, 30, TestCity.Beijing);
        ReportComposer Composer(int seed) => new(new CityAir(city with { Seed = seed }, FirstLive), TimeSpan.FromSeconds(10), seed);

        var reports = plan.Windows.Select(w => Composer(42).History(site, w)).ToList();
        var again = plan.Windows.Select(w => Composer(42).History(site, w)).ToList();

        Assert.All(reports, r => Assert.Equal(MessageKind.Backfill, r.Kind));
        Assert.Equal(reports.Select(r => Convert.ToBase64String(r.Encode(1))), again.Select(r => Convert.ToBase64String(r.Encode(1))));
        var air = new CityAir(city, FirstLive);
        var valid = reports.FindIndex(100, r => r.Report.Readings.Single(x => x.Quantity == Quantity.Pm2_5).Quality == Quality.Ok);
        var hour = plan.Windows[valid];
        var pm25 = reports[valid].Report.Readings.Single(r => r.Quantity == Quantity.Pm2_5);
        Assert.Equal(Math.Round(air.Value(site, Quantity.Pm2_5, hour.Start, hour.Length), 1), pm25.Value);
        Assert.Equal(720, pm25.Count);
        var invalid = reports.Count(r => r.Report.Readings.Any(x => x.Quality == Quality.Invalid));
        Assert.InRange(invalid, 5, 60);   // about 3 % of 721 windows
        Assert.All(reports.SelectMany(r => r.Report.Readings).Where(x => x.Quality == Quality.Invalid), x => Assert.Equal((null, 0), (x.Value, x.Count)));
    }

    [Theory]
    [InlineData(-1, 32, nameof(FleetOptions.BackfillDays))]
    [InlineData(367, 32, nameof(FleetOptions.BackfillDays))]
    [InlineData(30, 0, nameof(FleetOptions.BackfillConcurrency))]
    public void Settings_that_cannot_work_are_refused_by_name(int days, int concurrency, string setting)
    {
        var options = new FleetOptions { Districts = ["north"], Gateways = 1, FleetSecret = "s", BackfillDays = days, BackfillConcurrency = concurrency };

        var ex = Assert.Throws<FleetConfigurationException>(() => FleetRun.Plan(options, new FakeTimeProvider(FirstLive)));

        Assert.Equal(setting, ex.Setting);
    }
}
