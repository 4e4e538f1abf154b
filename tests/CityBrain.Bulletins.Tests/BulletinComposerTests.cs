using CityBrain.Bulletins.Composition;
using CityBrain.Bulletins.Model;
using CityBrain.Indicators.History;

namespace CityBrain.Bulletins.Tests;

/// <summary>Bulletins composed from a SQLite history filled with known values; every number is checked exactly.</summary>
public sealed class BulletinComposerTests
{
    private static readonly DateOnly Day = new(2026, 11, 10);
    private readonly TestHistory _history = new();

    /// <summary>The daily bulletin of <see cref="Day"/> for the province, as <see cref="FillDayAsync"/> leaves it.</summary>
    public static async Task<Bulletin> ComposeDayAsync(TestHistory history, IBulletinCaseSource? cases)
    {
        await FillDayAsync(history);
        return await new BulletinComposer(history.Store, TestHistory.Tree, cases, history.Time).ComposeAsync("prov", BulletinPeriod.OfDay(Day), CancellationToken.None);
    }

    private static async Task FillDayAsync(TestHistory h)
    {
        await h.DailyAsync("prov", HistoryMetrics.Aqi, Day, 120, "HJ633-2026");
        await h.DailyAsync("prov", HistoryMetrics.Aqi, Day.AddDays(-1), 80, "HJ633-2026");
        // PM2.5 at 82 µg/m³ all day: HJ 633-2026 sub-index 100 + 50·(82−60)/(115−60) = 120, the stored AQI.
        await h.HoursAsync("prov", "pm2_5", Day, Enumerable.Range(0, 24), 82);
        // 23 hours with an AQI (the last is missing), 5 of them above 100.
        await h.HoursAsync("prov", HistoryMetrics.Aqi, Day, Enumerable.Range(0, 5), 130);
        await h.HoursAsync("prov", HistoryMetrics.Aqi, Day, Enumerable.Range(5, 18), 90);
        await h.HoursAsync("prov", "iaqi_pm2_5_24h", Day, Enumerable.Range(0, 5), 130);
        await h.HoursAsync("prov", "iaqi_pm2_5_24h", Day, Enumerable.Range(5, 18), 90);
        await h.HoursAsync("prov", "iaqi_o3_1h", Day, [3, 10], 110);
        await h.HoursAsync("prov", "iaqi_o3_1h", Day, [4, 11], 100);

        await h.DailyAsync("city-a", HistoryMetrics.Aqi, Day, 70);
        await h.DailyAsync("city-a", HistoryMetrics.Aqi, Day.AddDays(-1), 100);
        await h.DailyAsync("city-b", HistoryMetrics.Aqi, Day, 95);
        await h.DailyAsync("city-b", HistoryMetrics.Aqi, Day.AddDays(-1), 60);

        // Zone 1 (55/45): Ld 55.06 is reported 55.1, over; zone 2 (60/50): Ln 52 over; zone 3 (65/55): Ld 60 met.
        await h.DailyAsync("d1", HistoryMetrics.NoiseDay, Day, 55.06);
        await h.DailyAsync("d1", HistoryMetrics.NoiseNight, Day, 44);
        await h.DailyAsync("d2", HistoryMetrics.NoiseDay, Day, 58);
        await h.DailyAsync("d2", HistoryMetrics.NoiseNight, Day, 52);
        await h.DailyAsync("d3", HistoryMetrics.NoiseDay, Day, 60);
        await h.DailyAsync("d3", HistoryMetrics.NoiseNight, Day, null);

        // Online: d1 all 4 devices, d2 half of 2, every hour: (24·4·1 + 24·2·0.5) / (24·6) = 5/6.
        await h.HoursAsync("d1", HistoryMetrics.OnlineRate, Day, Enumerable.Range(0, 24), 1.0, 4);
        await h.HoursAsync("d2", HistoryMetrics.OnlineRate, Day, Enumerable.Range(0, 24), 0.5, 2);
        // Validity: d1 0.9 of 10 for 24 hours, d3 0.6 of 30 for 12: (216 + 216) / (240 + 360) = 0.72.
        await h.HoursAsync("d1", HistoryMetrics.ValidityRate, Day, Enumerable.Range(0, 24), 0.9, 10);
        await h.HoursAsync("d3", HistoryMetrics.ValidityRate, Day, Enumerable.Range(0, 12), 0.6, 30);
        // The day after is not part of the bulletin.
        await h.HoursAsync("d3", HistoryMetrics.ValidityRate, Day.AddDays(1), Enumerable.Range(0, 12), 0.1, 30);
    }

    [Fact]
    public async Task A_daily_bulletin_has_the_days_aqi_category_and_primary_pollutant()
    {
        var bulletin = await ComposeDayAsync(_history, null);

        var day = Assert.Single(bulletin.Air.Days);
        Assert.Equal(Day, day.Day);
        Assert.Equal(120, day.Aqi);
        Assert.Equal("轻度污染", day.CategoryZh);
        Assert.Equal("Lightly polluted", day.CategoryEn);
        Assert.Equal("#FF7E00", day.Colour);
        Assert.Equal(["PM2.5-24h"], day.PrimaryPollutants);
        Assert.Equal("HJ633-2026", day.RuleSet);
        Assert.Null(bulletin.Statistics);
        Assert.Equal(new BulletinPlace("prov", "Test Province", "测试省", "province"), bulletin.Place);
    }

    [Fact]
    public async Task A_daily_bulletin_counts_exceedance_hours_overall_and_per_pollutant()
    {
        var bulletin = await ComposeDayAsync(_history, null);

        Assert.Equal(23, bulletin.Exceedance.HoursWithAqi);
        Assert.Equal(5, bulletin.Exceedance.HoursOver100);
        Assert.Equal([new PollutantCount("PM2.5", 5), new PollutantCount("O3", 2)], bulletin.Exceedance.PollutantHours);
    }

    [Fact]
    public async Task A_daily_bulletin_ranks_the_children_against_the_day_before()
    {
        var bulletin = await ComposeDayAsync(_history, null);

        Assert.Equal("daily-aqi", bulletin.Ranking.Basis);
        Assert.Equal(
            [new RankedPlace("city-a", "City A", "甲市", 1, 70, 2, 100, 1), new RankedPlace("city-b", "City B", "乙市", 2, 95, 1, 60, -1)],
            bulletin.Ranking.Places);
    }

    [Fact]
    public async Task A_daily_bulletin_counts_noise_compliance_by_day_and_night_and_the_network_rates()
    {
        var bulletin = await ComposeDayAsync(_history, null);

        Assert.Equal(new NoiseSection(3, 3, new NoiseCompliance(3, 1), new NoiseCompliance(2, 1)), bulletin.Noise);
        Assert.Equal(5.0 / 6, bulletin.Network.OnlineRate!.Value, 12);
        Assert.Equal(0.72, bulletin.Network.ValidityRate!.Value, 12);
    }

    [Fact]
    public async Task The_cases_section_comes_from_the_case_source_for_the_local_day_or_says_not_available()
    {
        var source = new RecordingCaseSource(new CaseFigures(3, 2, 4, 1));
        var withCases = await ComposeDayAsync(_history, source);
        var without = await new BulletinComposer(_history.Store, TestHistory.Tree, null, _history.Time)
            .ComposeAsync("city-a", BulletinPeriod.OfDay(Day), CancellationToken.None);

        Assert.Equal(new CaseFigures(3, 2, 4, 1), withCases.Cases.Figures);
        // Midnight to midnight in Shanghai: 16:00 UTC the evening before to 16:00 UTC on the day.
        Assert.Equal(("prov", new DateTimeOffset(2026, 11, 9, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 10, 16, 0, 0, TimeSpan.Zero)), source.Asked);
        Assert.False(without.Cases.Available);
    }

    [Fact]
    public async Task A_place_without_data_says_no_data_rather_than_zero()
    {
        var bulletin = await new BulletinComposer(_history.Store, TestHistory.Tree, null, _history.Time)
            .ComposeAsync("d1", BulletinPeriod.OfDay(Day), CancellationToken.None);

        Assert.Null(Assert.Single(bulletin.Air.Days).Aqi);
        Assert.Null(bulletin.Network.OnlineRate);
        Assert.Equal(0, bulletin.Noise.Day.Measured);
        Assert.Null(bulletin.Noise.Day.Rate);
        Assert.Empty(bulletin.Ranking.Places);
    }

    [Fact]
    public async Task A_monthly_bulletin_has_the_hj663_statistics_with_percentiles_computed_by_hand()
    {
        var november = BulletinPeriod.OfMonth(2026, 11);
        // Days 1–28 have an AQI of 40 + 5·d: 45 … 180; days 29 and 30 have none.
        for (var d = 1; d <= 28; d++) await _history.DailyAsync("prov", HistoryMetrics.Aqi, new DateOnly(2026, 11, d), 40 + 5 * d, "HJ633-2026");
        // PM2.5 daily means 1 … 29 (29 days, enough for a November mean); PM10 on 10 days only (too few for a mean).
        for (var d = 1; d <= 29; d++) await _history.DailyAsync("prov", "pm2_5", new DateOnly(2026, 11, d), d);
        for (var d = 1; d <= 10; d++) await _history.DailyAsync("prov", "pm10", new DateOnly(2026, 11, d), 10 * d);
        // O3 on the 5th: 100 all day but 180 from 12:00 to 20:00, so the 8-hour window ending at 20:00 is 180. On the
        // 6th only 00:00–10:00 at 200: five valid windows, too few, but their maximum 200 is above 160, so the day counts.
        var fifth = new DateOnly(2026, 11, 5);
        await _history.HoursAsync("prov", "o3", fifth, Enumerable.Range(0, 24).Where(h => h is < 12 or >= 20), 100);
        await _history.HoursAsync("prov", "o3", fifth, Enumerable.Range(12, 8), 180);
        await _history.HoursAsync("prov", "o3", fifth.AddDays(1), Enumerable.Range(0, 10), 200);
        for (var d = 1; d <= 3; d++) await _history.DailyAsync("city-a", HistoryMetrics.Aqi, new DateOnly(2026, 11, d), 50 + 10 * d);
        await _history.DailyAsync("city-a", HistoryMetrics.Aqi, new DateOnly(2026, 10, 31), 50);
        await _history.DailyAsync("city-b", HistoryMetrics.Aqi, new DateOnly(2026, 11, 30), 90);

        var bulletin = await new BulletinComposer(_history.Store, TestHistory.Tree, null, _history.Time).ComposeAsync("prov", november, CancellationToken.None);
        var statistics = bulletin.Statistics!;

        Assert.Equal(30, statistics.Days.Days);
        Assert.Equal(28, statistics.Days.ValidDays);
        Assert.Equal(12, statistics.Days.GoodDays);
        Assert.Equal(16, statistics.ExceedanceDays);
        Assert.Equal(16.0 / 28, statistics.ExceedanceRate!.Value, 12);
        Assert.Equal(12.0 / 28, statistics.Days.GoodDayShare!.Value, 12);
        Assert.Equal(0, statistics.Days.HeavyPollutionDays);

        var pm25 = statistics.Concentrations.Single(c => c.Pollutant == "PM2.5");
        Assert.Equal(new PeriodMean(15, 29, 27), pm25.Mean);
        // k = 1 + (29 − 1)·0.95 = 27.6: X(27) + 0.6·(X(28) − X(27)) = 27 + 0.6 = 27.6.
        Assert.Equal(27.6, pm25.PercentileValue!.Value, 10);
        Assert.Equal((95, 29, "24h"), (pm25.Percentile, pm25.PercentileDays, pm25.Basis));

        var pm10 = statistics.Concentrations.Single(c => c.Pollutant == "PM10");
        Assert.Equal(new PeriodMean(null, 10, 27), pm10.Mean);
        // k = 1 + 9·0.95 = 9.55: 90 + 0.55·10 = 95.5.
        Assert.Equal(95.5, pm10.PercentileValue!.Value, 10);

        var o3 = statistics.Concentrations.Single(c => c.Pollutant == "O3");
        Assert.Null(o3.Mean);
        Assert.Equal(("max-8h", 90, 2), (o3.Basis, o3.Percentile, o3.PercentileDays));
        // Daily maxima 180 and 200; k = 1 + 1·0.9 = 1.9: 180 + 0.9·20 = 198.
        Assert.Equal(198, o3.PercentileValue!.Value, 10);

        var co = statistics.Concentrations.Single(c => c.Pollutant == "CO");
        Assert.Equal((null, 0, "mg/m³"), (co.PercentileValue, co.PercentileDays, co.Unit));

        Assert.Equal(30, bulletin.Air.Days.Count);
        Assert.Equal([2, 10, 10, 6], bulletin.Air.Categories.Select(c => c.Days));
        Assert.Equal("mean-daily-aqi", bulletin.Ranking.Basis);
        Assert.Equal(
            [new RankedPlace("city-a", "City A", "甲市", 1, 70, 1, 50, 0), new RankedPlace("city-b", "City B", "乙市", 2, 90, null, null, null)],
            bulletin.Ranking.Places);
    }

    [Fact]
    public void Periods_are_named_and_parsed_by_kind()
    {
        Assert.True(BulletinPeriod.TryParse("month", "2026-02", out var february, out _));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "2026-02"), (february.First, february.Last, february.Key));
        Assert.Equal(BulletinPeriod.OfYear(2025), BulletinPeriod.LastEnded(BulletinKind.Year, new DateOnly(2026, 1, 1)));
        Assert.Equal(BulletinPeriod.OfMonth(2025, 12), BulletinPeriod.LastEnded(BulletinKind.Month, new DateOnly(2026, 1, 1)));
        Assert.False(BulletinPeriod.TryParse("week", "2026-02", out _, out var kindError));
        Assert.Contains("kind 'week'", kindError);
        Assert.False(BulletinPeriod.TryParse("day", "2026-02-30", out _, out var dayError));
        Assert.Contains("period '2026-02-30'", dayError);
    }

    private sealed class RecordingCaseSource(CaseFigures figures) : IBulletinCaseSource
    {
        public (string, DateTimeOffset, DateTimeOffset)? Asked { get; private set; }

        public Task<CaseFigures> CountAsync(string regionId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            Asked = (regionId, from, to);
            return Task.FromResult(figures);
        }
    }
}
