using CityBrain.Indicators.Air.Standards;

namespace CityBrain.Indicators.Air;

/// <summary>One version of the AQI rules: which items each report reads, in which columns, how concentrations are
/// prepared and how indices are rounded. Instances come from <see cref="AqiStandards"/>; they are immutable and safe
/// to share.</summary>
public sealed class AqiStandard
{
    private readonly IReadOnlyList<AqiItem> _hourItems;
    private readonly IReadOnlyList<AqiItem> _dayItems;
    private readonly Func<decimal, int> _roundIndex;
    private readonly int? _primaryPollutantAbove;

    /// <param name="primaryPollutantAbove">The AQI a report must exceed to name its primary pollutant (HJ 633: 50);
    /// null names it in every report (the EPA's reporting rule).</param>
    internal AqiStandard(AqiRuleSet ruleSet, IReadOnlyList<AqiItem> hourItems, IReadOnlyList<AqiItem> dayItems,
        Func<decimal, int> roundIndex, IReadOnlyList<AqiCategory> categories, int? primaryPollutantAbove)
    {
        RuleSet = ruleSet;
        _hourItems = hourItems;
        _dayItems = dayItems;
        _roundIndex = roundIndex;
        Categories = categories;
        _primaryPollutantAbove = primaryPollutantAbove;
    }

    public AqiRuleSet RuleSet { get; }

    public IReadOnlyList<AqiCategory> Categories { get; }

    /// <summary>Every concentration a report of <paramref name="period"/> may read, special rules included.</summary>
    public IReadOnlyList<Measure> Inputs(AqiPeriod period) =>
        [.. Items(period).SelectMany(item => SourcesOf(item.Source, item.Column)).Distinct()];

    /// <summary>The AQI of one hour or one day.</summary>
    /// <param name="concentrations">Valid concentrations in the project's units (µg/m³; CO mg/m³), unrounded: the
    /// standard rounds them itself. An absent measure is not scored. For <see cref="AqiPeriod.Day"/>, O3-8h and O3-1h
    /// are the day's maxima; <see cref="AirInputs"/> builds the right set from hourly means.</param>
    public AqiResult Evaluate(AqiPeriod period, IReadOnlyDictionary<Measure, decimal> concentrations)
    {
        var items = Items(period);
        var subIndices = items
            .Where(item => !HandsOverToAnItem(item, items, concentrations))
            .Select(item => Score(item.Item, item.Source, item.Column, concentrations))
            .OfType<SubIndex>()
            .ToList();
        if (subIndices.Count == 0) return new AqiResult(RuleSet, period, null, null, [], [], [], false);

        var aqi = subIndices.Max(s => s.Index);
        return new AqiResult(
            RuleSet,
            period,
            aqi,
            CategoryOf(aqi),
            subIndices,
            _primaryPollutantAbove is not { } threshold || aqi > threshold ? [.. subIndices.Where(s => s.Index == aqi).Select(s => s.Item)] : [],
            [.. subIndices.Where(s => s.ExceedsLimit).Select(s => s.Item)],
            subIndices.Any(s => s.Basis == SubIndexBasis.AboveTopBreakpoint));
    }

    public AqiCategory CategoryOf(int aqi) => Categories.FirstOrDefault(c => c.Contains(aqi))
        ?? throw new ArgumentOutOfRangeException(nameof(aqi), aqi, "an AQI lies between 0 and 500");

    public override string ToString() => RuleSet.Id();

    private IReadOnlyList<AqiItem> Items(AqiPeriod period) => period == AqiPeriod.Hour ? _hourItems : _dayItems;

    /// <summary>Whether <paramref name="item"/> is above its column and its rule reads another item of the same report in
    /// that item's own column: the pollutant then has one sub-index, the other item's, and is not counted twice. HJ
    /// 633-2012 Table 1, note 3: above 800 µg/m³ the O3 8h value gets no sub-index of its own and O3's sub-index is
    /// computed from the 1h value, which the daily report lists anyway (§5); the EPA reads 8h O3 above 0.200 ppm in the
    /// 1h table in the same way.</summary>
    private static bool HandsOverToAnItem(AqiItem item, IReadOnlyList<AqiItem> items, IReadOnlyDictionary<Measure, decimal> concentrations) =>
        item.Column.AboveTop is OverRange.Substitute substitute
        && concentrations.TryGetValue(item.Source, out var raw) && item.Column.Prepare(raw) > item.Column.Table.Top
        && items.Any(other => other.Item == substitute.Source && other.Source == substitute.Source && ReferenceEquals(other.Column, substitute.Column));

    private static IEnumerable<Measure> SourcesOf(Measure source, IaqiColumn column) =>
        column.AboveTop is OverRange.Substitute substitute
            ? SourcesOf(substitute.Source, substitute.Column).Prepend(source)
            : [source];

    private SubIndex? Score(Measure item, Measure source, IaqiColumn column, IReadOnlyDictionary<Measure, decimal> concentrations)
    {
        if (!concentrations.TryGetValue(source, out var raw)) return null;
        var value = column.Prepare(raw);
        if (value > column.Table.Top)
        {
            return column.AboveTop switch
            {
                OverRange.Cap cap => new SubIndex(item, source, value, column.Unit, cap.Index, column.Limit, SubIndexBasis.AboveTopBreakpoint),
                OverRange.Fixed fixedIndex => new SubIndex(item, source, value, column.Unit, fixedIndex.Index, column.Limit, SubIndexBasis.FixedBySpecialRule),
                OverRange.Substitute substitute => Substitute(item, substitute, concentrations)
                    ?? (substitute.Otherwise is { } otherwise
                        ? new SubIndex(item, source, value, column.Unit, otherwise, column.Limit, SubIndexBasis.FixedBySpecialRule)
                        : null),
                _ => throw new InvalidOperationException($"unknown over-range rule {column.AboveTop}"),
            };
        }
        // Below the first band only where a column starts above zero (EPA O3 1h): the item is simply not scored.
        if (value < column.Table.Bottom) return null;
        return new SubIndex(item, source, value, column.Unit, _roundIndex(column.Table.Interpolate(value)), column.Limit, SubIndexBasis.Interpolated);
    }

    private SubIndex? Substitute(Measure item, OverRange.Substitute substitute, IReadOnlyDictionary<Measure, decimal> concentrations) =>
        Score(item, substitute.Source, substitute.Column, concentrations) is { } read
            ? read.Basis == SubIndexBasis.Interpolated ? read with { Basis = SubIndexBasis.Substituted } : read
            : null;
}
