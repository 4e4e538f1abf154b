using System.Globalization;

namespace CityBrain.Bulletins.Model;

/// <summary>What span a bulletin covers: one natural day, one calendar month or one calendar year, in the region
/// tree's local time zone.</summary>
public enum BulletinKind
{
    Day,
    Month,
    Year,
}

/// <summary>One day, month or year, named by its first day.</summary>
public sealed record BulletinPeriod(BulletinKind Kind, DateOnly First)
{
    private static readonly string[] KindNames = ["day", "month", "year"];

    public static BulletinPeriod OfDay(DateOnly day) => new(BulletinKind.Day, day);

    public static BulletinPeriod OfMonth(int year, int month) => new(BulletinKind.Month, new DateOnly(year, month, 1));

    public static BulletinPeriod OfYear(int year) => new(BulletinKind.Year, new DateOnly(year, 1, 1));

    /// <summary>The last day of the period, included.</summary>
    public DateOnly Last => Kind switch
    {
        BulletinKind.Day => First,
        BulletinKind.Month => First.AddMonths(1).AddDays(-1),
        _ => First.AddYears(1).AddDays(-1),
    };

    /// <summary>The period of the same kind just before this one, against which rankings are compared.</summary>
    public BulletinPeriod Before() => Kind switch
    {
        BulletinKind.Day => this with { First = First.AddDays(-1) },
        BulletinKind.Month => this with { First = First.AddMonths(-1) },
        _ => this with { First = First.AddYears(-1) },
    };

    /// <summary>How the API and the archive name the period: <c>2026-12-06</c>, <c>2026-11</c>, <c>2026</c>.</summary>
    public string Key => Kind switch
    {
        BulletinKind.Day => First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        BulletinKind.Month => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => First.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    public static string NameOf(BulletinKind kind) => KindNames[(int)kind];

    public static bool TryParseKind(string? text, out BulletinKind kind)
    {
        var index = Array.IndexOf(KindNames, text);
        kind = index < 0 ? default : (BulletinKind)index;
        return index >= 0;
    }

    /// <summary>The latest period of <paramref name="kind"/> that is over when the local day <paramref name="today"/>
    /// begins: yesterday, last month, last year.</summary>
    public static BulletinPeriod LastEnded(BulletinKind kind, DateOnly today) => kind switch
    {
        BulletinKind.Day => OfDay(today.AddDays(-1)),
        BulletinKind.Month => OfMonth(today.AddMonths(-1).Year, today.AddMonths(-1).Month),
        _ => OfYear(today.Year - 1),
    };

    /// <summary>Reads a kind and a key as <see cref="Key"/> writes them; the error names the bad part.</summary>
    public static bool TryParse(string? kind, string? key, out BulletinPeriod period, out string error)
    {
        period = null!;
        if (!TryParseKind(kind, out var parsedKind))
        {
            error = $"kind '{Shorten(kind)}' is not one of {string.Join(", ", KindNames)}";
            return false;
        }
        var format = parsedKind switch { BulletinKind.Day => "yyyy-MM-dd", BulletinKind.Month => "yyyy-MM", _ => "yyyy" };
        if (!DateOnly.TryParseExact(key, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || first.Year < 2000)
        {
            error = $"period '{Shorten(key)}' is not a {NameOf(parsedKind)} written {format.ToLowerInvariant()} from the year 2000 on";
            return false;
        }
        period = new BulletinPeriod(parsedKind, first);
        error = "";
        return true;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 32 ? text[..32] + "…" : text;
}
