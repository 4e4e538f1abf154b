using CityBrain.Indicators.History;
using CityBrain.Indicators.Rankings;

namespace CityBrain.Indicators.Tests.Rankings;

public sealed class DistrictRankingTests
{
    private static DistrictValues District(string id, double? aqi, double? pm25 = null)
    {
        var values = new Dictionary<string, double>();
        if (aqi is { } a) values[HistoryMetrics.Aqi] = a;
        if (pm25 is { } p) values["pm2_5"] = p;
        return new DistrictValues(id, values);
    }

    [Fact]
    public void The_cleanest_district_ranks_first_and_ties_share_a_rank()
    {
        var ranking = DistrictRanking.Rank(HistoryMetrics.Aqi, [District("d", 80), District("a", 40), District("c", 60), District("b", 60)]);

        Assert.Equal([("a", 1), ("b", 2), ("c", 2), ("d", 4)], ranking.Districts.Select(d => (d.DistrictId, d.Rank!.Value)));
    }

    [Fact]
    public void A_district_without_a_value_is_listed_last_without_a_rank()
    {
        var ranking = DistrictRanking.Rank(HistoryMetrics.Aqi, [District("a", null), District("b", 70)]);

        Assert.Equal(["b", "a"], ranking.Districts.Select(d => d.DistrictId));
        Assert.Null(ranking.Districts[1].Rank);
        Assert.Null(ranking.Districts[1].Value);
    }

    [Fact]
    public void Changes_are_against_the_previous_hour_and_day()
    {
        var ranking = DistrictRanking.Rank(HistoryMetrics.Aqi,
            current: [District("a", 50), District("b", 90)],
            previousHour: [District("a", 95), District("b", 60)],
            previousDay: [District("b", 100)]);

        var a = ranking.Districts.Single(d => d.DistrictId == "a");
        Assert.Equal(new(95, 2, -45, 1), a.SincePreviousHour);
        Assert.Equal(new(null, null, null, null), a.SincePreviousDay);
        var b = ranking.Districts.Single(d => d.DistrictId == "b");
        Assert.Equal(new(60, 1, 30, -1), b.SincePreviousHour);
        Assert.Equal(new(100, 1, -10, -1), b.SincePreviousDay);
    }

    [Fact]
    public void Without_previous_snapshots_there_is_no_change()
    {
        var ranked = Assert.Single(DistrictRanking.Rank(HistoryMetrics.Aqi, [District("a", 50)]).Districts);

        Assert.Null(ranked.SincePreviousHour);
        Assert.Null(ranked.SincePreviousDay);
    }

    [Fact]
    public void Every_metric_present_gets_a_ranking()
    {
        var rankings = DistrictRanking.RankAll([District("a", 50, pm25: 30), District("b", 40, pm25: 35)]);

        Assert.Equal([HistoryMetrics.Aqi, "pm2_5"], rankings.Select(r => r.Metric));
        Assert.Equal(["b", "a"], rankings[0].Districts.Select(d => d.DistrictId));
        Assert.Equal(["a", "b"], rankings[1].Districts.Select(d => d.DistrictId));
    }
}
