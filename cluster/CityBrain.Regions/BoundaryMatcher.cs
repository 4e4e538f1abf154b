namespace CityBrain.Regions;

/// <summary>Gives a region's children the shapes of its boundaries file, or creates the children from the features
/// when the region lists none, so that a bureau's own administrative file can be used as it comes.</summary>
internal static class BoundaryMatcher
{
    public static void Attach(RegionDraft parent, IReadOnlyList<BoundaryFeature> features, string file, string? childLevel, string? defaultNoiseZone)
    {
        if (parent.Children.Count == 0)
        {
            foreach (var feature in features) parent.Children.Add(Create(feature, file, childLevel, defaultNoiseZone));
            return;
        }
        var matchedBy = new Dictionary<RegionDraft, BoundaryFeature>();
        foreach (var feature in features)
        {
            var child = Match(parent, feature)
                ?? throw new RegionFileException(file, $"feature '{feature.Label}' matches no child of '{parent.Id}' by id, administrative code or name");
            if (!matchedBy.TryAdd(child, feature))
            {
                throw new RegionFileException(file, $"features '{matchedBy[child].Label}' and '{feature.Label}' both match region '{child.Id}'");
            }
            child.Shape = feature.Shape;
            child.ShapeFile = file;
        }
        if (parent.Children.FirstOrDefault(c => !matchedBy.ContainsKey(c)) is { } missing)
        {
            throw new RegionFileException(file, $"region '{missing.Id}' has no feature in the boundaries of '{parent.Id}'");
        }
    }

    private static RegionDraft? Match(RegionDraft parent, BoundaryFeature feature) =>
        (feature.Property("id") is { } id ? parent.Children.FirstOrDefault(c => c.Id == id) : null)
        ?? (feature.Code is { } code ? parent.Children.FirstOrDefault(c => c.Code == code) : null)
        ?? (feature.Name is { } name ? parent.Children.FirstOrDefault(c => c.NameZh == name || c.Name == name) : null);

    private static RegionDraft Create(BoundaryFeature feature, string file, string? childLevel, string? defaultNoiseZone)
    {
        var what = $"feature '{feature.Label}'";
        var code = feature.Code;
        var id = feature.Property("id") ?? (code is null ? null : "a" + code)
            ?? throw new RegionFileException(file, $"{what} has neither an 'id' nor an administrative code to name the region it creates");
        var nameZh = feature.Property("nameZh", "name_zh", "name", "NAME");
        var name = feature.Property("name_en", "name", "NAME") ?? nameZh;
        if (name is null || nameZh is null) throw new RegionFileException(file, $"{what} has no 'name' for the region it creates");
        var region = new RegionDraft(file, RegionReader.CheckedId(id, file), name, nameZh, feature.Property("level") ?? childLevel ?? "district")
        {
            Code = code,
            NoiseZone = RegionReader.CheckedNoiseZone(feature.Property("noiseZone") ?? defaultNoiseZone, file, what),
        };
        region.Shape = feature.Shape;
        region.ShapeFile = file;
        return region;
    }
}
