using System.Globalization;
using CityBrain.Bulletins.Model;

namespace CityBrain.Bulletins.Rendering;

/// <summary>Every word a rendered bulletin prints, in one language, and how its numbers are written. The HTML page and
/// the PDF both read their text from here, so the two never say different things.</summary>
public sealed class BulletinText(BulletinLanguage language)
{
    private bool Zh => language == BulletinLanguage.Zh;

    public BulletinLanguage Language => language;

    private string T(string zh, string en) => Zh ? zh : en;

    public string NoData => T("无数据", "no data");

    public string NotAvailable => T("暂不可用", "not available");

    public string Title(Bulletin bulletin) => $"{PlaceName(bulletin.Place)} {KindTitle(bulletin.Period.Kind)}";

    public string KindTitle(BulletinKind kind) => kind switch
    {
        BulletinKind.Day => T("环境质量日报", "Daily environmental bulletin"),
        BulletinKind.Month => T("环境质量月报", "Monthly environmental bulletin"),
        _ => T("环境质量年报", "Yearly environmental bulletin"),
    };

    public string PlaceName(BulletinPlace place) => Zh ? place.NameZh : place.Name;

    public string PlaceName(RankedPlace place) => Zh ? place.NameZh : place.Name;

    public string PeriodLine(Bulletin bulletin)
    {
        var period = bulletin.Period;
        var span = period.Kind switch
        {
            BulletinKind.Day => Zh ? $"{period.First:yyyy年M月d日}" : period.First.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
            BulletinKind.Month => Zh ? $"{period.First:yyyy年M月}" : period.First.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            _ => Zh ? $"{period.First:yyyy}年" : period.First.ToString("yyyy", CultureInfo.InvariantCulture),
        };
        return T($"统计时段：{span}（{bulletin.TimeZone}）", $"Period: {span} ({bulletin.TimeZone})");
    }

    public string Composed(Bulletin bulletin) =>
        T($"生成时间：{bulletin.ComposedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC", $"Composed {bulletin.ComposedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");

    public string AirHeading => T("一、空气质量（HJ 633）", "1. Air quality (HJ 633)");
    public string ExceedanceHeading => T("二、超标时数", "2. Exceedance hours");
    public string RankingHeading => T("三、下级区域排名", "3. Ranking of the places below");
    public string NoiseHeading => T("四、声环境功能区达标（GB 3096）", "4. Noise compliance (GB 3096)");
    public string NetworkHeading => T("五、监测网络", "5. Monitoring network");
    public string CasesHeading => T("六、督办案件", "6. Supervision cases");
    public string StatisticsHeading => T("七、HJ 663 统计", "7. HJ 663 statistics");

    public string Date => T("日期", "Date");
    public string Aqi => "AQI";
    public string Category => T("类别", "Category");
    public string Primary => T("首要污染物", "Primary pollutant");
    public string Days => T("天数", "Days");
    public string Hours => T("小时数", "Hours");
    public string Pollutant => T("污染物", "Pollutant");
    public string Rank => T("排名", "Rank");
    public string Place => T("区域", "Place");
    public string PreviousRank => T("上期排名", "Previous rank");
    public string Change => T("名次变化", "Change");

    public string CategoryName(string? zh, string? en) => (Zh ? zh : en) ?? NoData;

    public string PrimaryList(IReadOnlyList<string> primaries, int? aqi) =>
        aqi is null ? NoData : primaries.Count == 0 ? T("无", "none") : string.Join(", ", primaries);

    public string RankingBasis(string basis) => basis == "daily-aqi" ? T("按日 AQI 排名（低者为优）", "Ranked by daily AQI (lowest first)")
        : T("按日 AQI 均值排名（低者为优）", "Ranked by the mean daily AQI (lowest first)");

    public string NoChildren => T("本区域无下级区域。", "This place has no places below it.");

    public string HoursWithAqi(ExceedanceSection section) =>
        T($"有效 AQI 小时数：{section.HoursWithAqi}；AQI 大于 100 的小时数：{section.HoursOver100}",
          $"Hours with an AQI: {section.HoursWithAqi}; hours with AQI above 100: {section.HoursOver100}");

    public string NoPollutantOver => T("各污染物分指数均未超过 100。", "No pollutant's sub-index was above 100.");

    public string NoiseLine(NoiseSection noise) =>
        T($"下辖区县 {noise.Districts} 个，其中划定功能区 {noise.ZonedDistricts} 个（按区县·日计）",
          $"{noise.Districts} districts below, {noise.ZonedDistricts} with a GB 3096 zone (counted in district-days)");

    public string Compliance(string periodZh, string periodEn, NoiseCompliance compliance) =>
        compliance.Measured == 0
            ? T($"{periodZh}：{NoData}", $"{periodEn}: {NoData}")
            : T($"{periodZh}：监测 {compliance.Measured}，达标 {compliance.Met}，超标 {compliance.Over}，达标率 {Percent(compliance.Rate)}",
                $"{periodEn}: measured {compliance.Measured}, met {compliance.Met}, over {compliance.Over}, compliance {Percent(compliance.Rate)}");

    public string DayNoise(NoiseCompliance c) => Compliance("昼间", "Day", c);
    public string NightNoise(NoiseCompliance c) => Compliance("夜间", "Night", c);

    public string OnlineRate(NetworkSection n) => T($"设备在线率：{Percent(n.OnlineRate)}", $"Online rate: {Percent(n.OnlineRate)}");
    public string ValidityRate(NetworkSection n) => T($"数据有效率：{Percent(n.ValidityRate)}", $"Data validity rate: {Percent(n.ValidityRate)}");

    public IReadOnlyList<string> CaseLines(CasesSection cases) => cases.Figures is not { } f
        ? [T($"案件数据{NotAvailable}。", $"Case data {NotAvailable}.")]
        : [T($"新立案件：{f.Opened}", $"Opened: {f.Opened}"), T($"办结案件：{f.Closed}", $"Closed: {f.Closed}"),
           T($"期末未结：{f.OpenAtEnd}", $"Open at the end: {f.OpenAtEnd}"), T($"超期案件：{f.Overdue}", $"Overdue: {f.Overdue}")];

    public IReadOnlyList<string> DayLines(Hj663Statistics s) =>
    [
        T($"统计天数：{s.Days.Days}；有效天数：{s.Days.ValidDays}", $"Days: {s.Days.Days}; valid days: {s.Days.ValidDays}"),
        T($"优良天数：{s.Days.GoodDays}，优良天数比例：{Percent(s.Days.GoodDayShare)}", $"Good days: {s.Days.GoodDays}, good-day rate: {Percent(s.Days.GoodDayShare)}"),
        T($"超标天数：{s.ExceedanceDays}，超标天数比例：{Percent(s.ExceedanceRate)}", $"Exceedance days: {s.ExceedanceDays}, exceedance rate: {Percent(s.ExceedanceRate)}"),
        T($"重污染天数：{s.Days.HeavyPollutionDays}", $"Heavy-pollution days: {s.Days.HeavyPollutionDays}"),
    ];

    public string MeanHeader(BulletinKind kind) => kind == BulletinKind.Month ? T("月均值", "Monthly mean") : T("年均值", "Annual mean");
    public string PercentileHeader => T("百分位数浓度", "Percentile concentration");
    public string Unit => T("单位", "Unit");

    public string Mean(ConcentrationStatistic c) => c.Mean is not { } mean ? "—"
        : mean.Value is { } v ? $"{Concentration(c, v)} ({mean.Days}/{mean.Required} {T("天", "d")})"
        : $"{NoData} ({mean.Days}/{mean.Required} {T("天", "d")})";

    public string PercentileValue(ConcentrationStatistic c)
    {
        var label = c.Basis == "max-8h" ? T($"日最大8小时第{c.Percentile}百分位", $"{c.Percentile}th pct of daily max 8-h")
            : T($"日均值第{c.Percentile}百分位", $"{c.Percentile}th pct of 24-h means");
        return $"{label}: {(c.PercentileValue is { } v ? Concentration(c, v) : NoData)}";
    }

    public static string Number(double? value, int decimals = 0) =>
        value is { } v ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "—";

    public string Value(double? value, int decimals = 0) => value is null ? NoData : Number(value, decimals);

    public string Percent(double? rate) => rate is { } r ? (r * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : NoData;

    public static string Concentration(ConcentrationStatistic c, double value) => Number(value, c.Pollutant == "CO" ? 2 : 1);

    public static string Signed(int? change) => change switch { null => "—", > 0 => $"↑{change}", < 0 => $"↓{-change}", _ => "0" };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
