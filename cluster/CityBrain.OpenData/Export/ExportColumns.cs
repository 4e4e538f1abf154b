using System.Globalization;
using CityBrain.Indicators.History;

namespace CityBrain.OpenData.Export;

/// <summary>The columns of every export and open-data file, in order; CSV and Parquet share the names and the text of
/// the coded ones, so a reader can switch formats without remapping.</summary>
public static class ExportColumns
{
    public const string Scope = "scope";
    public const string Id = "id";
    public const string Name = "name";
    public const string NameZh = "name_zh";
    public const string District = "district";
    public const string Metric = "metric";
    public const string Unit = "unit";
    public const string Step = "step";
    public const string PeriodStart = "period_start";
    public const string LocalLabel = "local_label";
    public const string Value = "value";
    public const string Count = "count";
    public const string Flag = "flag";
    public const string RuleSet = "rule_set";

    public static IReadOnlyList<string> All { get; } =
        [Scope, Id, Name, NameZh, District, Metric, Unit, Step, PeriodStart, LocalLabel, Value, Count, Flag, RuleSet];

    public static string Text(HistoryScope scope) => scope.ToString().ToLowerInvariant();

    public static string Text(HistoryResolution step) => step.ToString().ToLowerInvariant();

    public static string Text(ValidityFlag flag) => flag.ToString().ToLowerInvariant();

    /// <summary>ISO 8601 in UTC to the second, e.g. <c>2026-03-01T15:00:00Z</c>.</summary>
    public static string Text(DateTimeOffset start) => start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
