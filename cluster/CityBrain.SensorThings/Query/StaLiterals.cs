using System.Globalization;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace CityBrain.SensorThings.Query;

/// <summary>Reads the literal forms of the query language; each answers null for text it cannot read.</summary>
internal static partial class StaLiterals
{
    /// <summary>The SRID of every geography literal: SensorThings locations are WGS 84 longitude/latitude.</summary>
    public const int Wgs84 = 4326;

    public static DateTimeOffset? DateTime(string text) =>
        DateTimeOffset.TryParse(
            text.Replace(' ', '+'),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var value)
            ? value
            : null;

    /// <summary>An integer that fits a long stays one; anything else (fraction, exponent, too large) is a double.</summary>
    public static object Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer)
            ? integer
            : (object)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 duration of days and clock time (<c>P1DT2H30M</c>, <c>-PT1.5S</c>); years and months
    /// have no fixed length and are refused, as OData's duration does.</summary>
    public static TimeSpan? Duration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success || text is "P" or "-P" || text.EndsWith('T'))
        {
            return null;
        }

        double Part(string name) =>
            match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

        var seconds = Part("d") * 86_400 + Part("h") * 3_600 + Part("m") * 60 + Part("s");
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return null;
        }

        var duration = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return match.Groups["sign"].Success ? -duration : duration;
    }

    /// <summary>Well-known text, read with SRID 4326.</summary>
    public static Geometry? Geometry(string text)
    {
        try
        {
            var geometry = new WKTReader().Read(text);
            geometry.SRID = Wgs84;
            return geometry.IsEmpty && !text.Contains("EMPTY", StringComparison.OrdinalIgnoreCase) ? null : geometry;
        }
        // Whatever the reader trips over in hostile text, the literal is simply not valid WKT.
        catch (Exception)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(?<sign>-)?P(?:(?<d>\d{1,9}(?:\.\d+)?)D)?(?:T(?:(?<h>\d{1,9}(?:\.\d+)?)H)?(?:(?<m>\d{1,9}(?:\.\d+)?)M)?(?:(?<s>\d{1,12}(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
