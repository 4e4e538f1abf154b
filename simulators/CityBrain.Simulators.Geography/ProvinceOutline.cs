using NetTopologySuite.Geometries;

namespace CityBrain.Simulators.Geography;

/// <summary>The province's land: a star-shaped outline (every ray from the centre crosses it once, so however noisy it
/// gets it never crosses itself), smooth inland and wiggly where it meets the sea on the east; and a few islands
/// offshore.</summary>
internal static class ProvinceOutline
{
    private const int Vertices = 720;

    public static Polygon Mainland(Random random, GeometryFactory factory, Coordinate centre, double radiusX, double radiusY)
    {
        var inland = Harmonics(random, 2, 24, 0.3);
        var coast = Harmonics(random, 5, 160, 0.3);
        var points = new Coordinate[Vertices + 1];
        for (var i = 0; i < Vertices; i++)
        {
            var theta = 2 * Math.PI * i / Vertices;
            var r = Math.Clamp(1 + Sum(inland, theta) + SeaSide(theta) * Sum(coast, theta), 0.55, 1.5);
            points[i] = new Coordinate(centre.X + radiusX * r * Math.Cos(theta), centre.Y + radiusY * r * Math.Sin(theta));
        }
        points[Vertices] = points[0].Copy();
        return factory.CreatePolygon(points);
    }

    /// <summary>Small noisy islands just off the sea side, each kept only where it stays clear of the land and of the
    /// islands before it.</summary>
    public static IReadOnlyList<Polygon> Islands(Random random, GeometryFactory factory, Polygon mainland, Coordinate centre, int count)
    {
        var islands = new List<Polygon>();
        var coastPoints = mainland.Coordinates.Where(c => c.X > centre.X + 1.2).ToArray();
        for (var attempt = 0; attempt < count * 20 && islands.Count < count; attempt++)
        {
            var anchor = coastPoints[random.Next(coastPoints.Length)];
            var at = new Coordinate(anchor.X + 0.06 + random.NextDouble() * 0.22, anchor.Y + (random.NextDouble() - 0.5) * 0.2);
            var size = 0.025 + random.NextDouble() * 0.05;
            var shape = Blob(random, factory, at, size);
            if (shape.Distance(mainland) > 0.03 && islands.All(i => i.Distance(shape) > 0.03)) islands.Add(shape);
        }
        return islands;
    }

    private static Polygon Blob(Random random, GeometryFactory factory, Coordinate at, double size)
    {
        var noise = Harmonics(random, 2, 6, 0.3);
        const int n = 24;
        var points = new Coordinate[n + 1];
        for (var i = 0; i < n; i++)
        {
            var theta = 2 * Math.PI * i / n;
            var r = size * (1 + Sum(noise, theta));
            points[i] = new Coordinate(at.X + r * 1.2 * Math.Cos(theta), at.Y + r * Math.Sin(theta));
        }
        points[n] = points[0].Copy();
        return factory.CreatePolygon(points);
    }

    /// <summary>1 facing the sea (east), 0 inland, blended over the north-east and south-east.</summary>
    private static double SeaSide(double theta)
    {
        var t = Math.Clamp((Math.Cos(theta) - 0.15) / 0.45, 0, 1);
        return t * t * (3 - 2 * t);
    }

    /// <summary>Harmonics <paramref name="from"/>..<paramref name="to"/> of the angle with amplitudes falling faster than
    /// 1/k, so the outline stays periodic (closes on itself), is dominated by its coarse shape and has no spikes.</summary>
    private static (int K, double Amplitude, double Phase)[] Harmonics(Random random, int from, int to, double strength) =>
        [.. Enumerable.Range(from, to - from + 1).Select(k => (k, strength / Math.Pow(k, 1.25) * (0.5 + random.NextDouble()), random.NextDouble() * 2 * Math.PI))];

    private static double Sum((int K, double Amplitude, double Phase)[] harmonics, double theta) =>
        harmonics.Sum(h => h.Amplitude * Math.Sin(h.K * theta + h.Phase));
}
