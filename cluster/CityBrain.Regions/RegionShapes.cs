using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace CityBrain.Regions;

/// <summary>Completes the drafts from the leaves up: a region without a shape of its own takes the union of its
/// children's, a region without a position takes a point inside its shape, and the geometric rules between parents
/// and children and between siblings are checked.</summary>
internal static class RegionShapes
{
    public static void Resolve(RegionDraft region)
    {
        foreach (var child in region.Children) Resolve(child);
        var childShapes = region.Children.Select(c => c.Shape).OfType<Geometry>().ToList();
        if (region.Shape is null && childShapes.Count > 0)
        {
            region.Shape = OverlayNGRobust.Union(childShapes[0].Factory.BuildGeometry(childShapes));
        }
        else if (region.Shape is not null)
        {
            foreach (var child in region.Children) CheckInside(child, region);
        }
        CheckSiblings(region);
        region.Position ??= region.Shape is { IsEmpty: false } shape ? shape.InteriorPoint.Coordinate
            : region.Children.Count > 0 ? Mean(region.Children.Select(c => c.Position!))
            : throw new RegionFileException(region.File, $"region '{region.Id}' has neither a position nor a boundary");
        if (region.Children.Count == 0 && region.NoiseZone is null)
        {
            throw new RegionFileException(region.File, $"leaf region '{region.Id}' has no noise zone (GB 3096-2008 classes are {string.Join(", ", NoiseZones.All)})");
        }
    }

    private static void CheckInside(RegionDraft child, RegionDraft parent)
    {
        if (child.Shape is null || child.Shape.Area == 0) return;
        var outside = OverlayNGRobust.Overlay(child.Shape, parent.Shape, SpatialFunction.Difference).Area / child.Shape.Area;
        if (outside > RegionFile.OutsideParentTolerance)
        {
            throw new RegionFileException(child.ShapeFile ?? child.File,
                $"region '{child.Id}' lies {Percent(outside)} outside its parent '{parent.Id}' (the tolerance is {Percent(RegionFile.OutsideParentTolerance)})");
        }
    }

    private static void CheckSiblings(RegionDraft parent)
    {
        var shaped = parent.Children.Where(c => c.Shape is not null).ToList();
        for (var i = 0; i < shaped.Count; i++)
        {
            for (var j = i + 1; j < shaped.Count; j++)
            {
                var (a, b) = (shaped[i], shaped[j]);
                if (!a.Shape!.EnvelopeInternal.Intersects(b.Shape!.EnvelopeInternal)) continue;
                var smaller = Math.Min(a.Shape.Area, b.Shape.Area);
                var overlap = OverlayNGRobust.Overlay(a.Shape, b.Shape, SpatialFunction.Intersection).Area;
                if (smaller > 0 && overlap / smaller > RegionFile.SiblingOverlapTolerance)
                {
                    throw new RegionFileException(b.ShapeFile ?? parent.File,
                        $"regions '{a.Id}' and '{b.Id}' overlap by {Percent(overlap / smaller)} of the smaller (the tolerance is {Percent(RegionFile.SiblingOverlapTolerance)})");
                }
            }
        }
    }

    private static Coordinate Mean(IEnumerable<Coordinate> points)
    {
        var list = points.ToList();
        return new Coordinate(list.Average(p => p.X), list.Average(p => p.Y));
    }

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.##} %");
}
