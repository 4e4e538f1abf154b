using System.Collections.Concurrent;
using CityBrain.Contracts.Payloads;
using CityBrain.Grains.Devices;
using CityBrain.Regions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityBrain.Ingest.Pipeline;

/// <summary>Vets the site a gateway announces before the cluster shows it on a map: the site must be sound
/// (<see cref="Site.Problem"/>, the rule the gateway checks its own configuration by) and its position inside the
/// district the gateway reports for. What fails is left out and said why; the rest of the health report stands.</summary>
public sealed class SiteCheck(RegionBoundaries? boundaries = null)
{
    /// <summary>About 500 m: boundary files are drawn at coarser scales than a GPS fix, and a site on a border street
    /// may fall just outside.</summary>
    public const double BorderToleranceDegrees = 0.005;

    private readonly ConcurrentDictionary<string, IPreparedGeometry?> _outlines = new(StringComparer.Ordinal);

    public SiteVerdict Check(string districtId, Site site)
    {
        if (site.Problem() is { } problem) return new SiteVerdict(null, problem);
        var accepted = new MonitoringSite(site.Name?.Trim(), site.Latitude, site.Longitude);
        if (site is not { Latitude: { } lat, Longitude: { } lon } || Outline(districtId) is not { } outline || Inside(outline, lon, lat))
        {
            return new SiteVerdict(accepted, null);
        }
        var hint = Inside(outline, lat, lon) ? "; latitude and longitude look swapped" : "";
        return new SiteVerdict(accepted with { Latitude = null, Longitude = null },
            FormattableString.Invariant($"site position {lat}, {lon} lies outside district {districtId}{hint}"));
    }

    private IPreparedGeometry? Outline(string districtId) => boundaries is null ? null : _outlines.GetOrAdd(districtId,
        id => boundaries.TryGet(id, out var shape) ? PreparedGeometryFactory.Prepare(shape) : null);

    private static bool Inside(IPreparedGeometry outline, double x, double y)
    {
        var point = new Point(x, y);
        return outline.Contains(point) || outline.Geometry.IsWithinDistance(point, BorderToleranceDegrees);
    }
}

/// <param name="Site">What of the site is shown: all of it, the name without the position, or nothing.</param>
/// <param name="Refusal">Why something was left out; null when nothing was.</param>
public readonly record struct SiteVerdict(MonitoringSite? Site, string? Refusal);
