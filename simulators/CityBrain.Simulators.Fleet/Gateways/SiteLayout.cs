using CityBrain.Contracts.Payloads;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Values;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>Where a district's simulated gateways stand, as a technician would have recorded it: a name after the
/// district and the gateway's number, and a position drawn from the seed and the gateway's id, inside the district's
/// outline where the scenario has one (the cluster refuses positions outside it), else within about two kilometres of
/// the district's position, else none.</summary>
public sealed class SiteLayout
{
    private static readonly ulong Stream = SeededNoise.Hash("site");

    /// <summary>A draw lands inside all but the most ragged outlines within a few tries; after this many the outline's
    /// interior point is taken rather than spin.</summary>
    private const int Attempts = 64;

    /// <summary>About two kilometres at mid latitudes.</summary>
    private const double Scatter = 0.02;

    private readonly DistrictScenario _district;
    private readonly IPreparedGeometry? _outline;
    private readonly SeededNoise _noise;

    public SiteLayout(DistrictScenario district, SeededNoise noise)
    {
        _district = district;
        _noise = noise;
        _outline = district.Outline is { IsEmpty: false } outline ? PreparedGeometryFactory.Prepare(outline) : null;
    }

    public Site Place(string deviceId, int number)
    {
        var position = Position(SeededNoise.Hash(deviceId));
        return new Site($"{_district.Name} {number:D2}", position?.Latitude, position?.Longitude);
    }

    private GeoPosition? Position(ulong key)
    {
        if (_outline is { } outline)
        {
            var box = outline.Geometry.EnvelopeInternal;
            for (var attempt = 0UL; attempt < Attempts; attempt++)
            {
                var x = box.MinX + _noise.Uniform(Stream, key, 2 * attempt) * box.Width;
                var y = box.MinY + _noise.Uniform(Stream, key, 2 * attempt + 1) * box.Height;
                var point = Rounded(x, y);
                if (outline.Contains(new Point(point.Longitude, point.Latitude))) return point;
            }
            var inside = outline.Geometry.InteriorPoint;
            return new GeoPosition(inside.X, inside.Y);
        }
        if (_district.Position is { } centre)
        {
            return Rounded(centre.Longitude + (_noise.Uniform(Stream, key, 0) - 0.5) * 2 * Scatter,
                centre.Latitude + (_noise.Uniform(Stream, key, 1) - 0.5) * 2 * Scatter);
        }
        return null;
    }

    /// <summary>Five decimals, about a metre: what a handheld GPS gives a technician.</summary>
    private static GeoPosition Rounded(double longitude, double latitude) => new(Math.Round(longitude, 5), Math.Round(latitude, 5));
}
