using System.Collections.Frozen;

namespace CityBrain.SensorThings.Model;

/// <summary>One entity type of the sensing model (OGC 18-088 §8.2): its properties, the ones whose value is a JSON
/// object a path may reach into, and its navigation properties.</summary>
public sealed class EntityType
{
    private readonly FrozenSet<string> _properties;
    private readonly FrozenDictionary<string, Navigation> _navigations;

    internal EntityType(string name, string setName, IReadOnlyList<string> properties, IReadOnlyList<string> jsonProperties,
        IReadOnlyList<Navigation> navigations)
    {
        Name = name;
        SetName = setName;
        Properties = properties;
        JsonProperties = jsonProperties.ToFrozenSet(StringComparer.Ordinal);
        Navigations = navigations;
        _properties = properties.ToFrozenSet(StringComparer.Ordinal);
        _navigations = navigations.ToFrozenDictionary(n => n.Name, StringComparer.Ordinal);
    }

    /// <summary>The singular name, e.g. <c>Thing</c>: the name of a to-one navigation property leading here.</summary>
    public string Name { get; }

    /// <summary>The entity set, e.g. <c>Things</c>.</summary>
    public string SetName { get; }

    /// <summary>In the order they are written.</summary>
    public IReadOnlyList<string> Properties { get; }

    public IReadOnlySet<string> JsonProperties { get; }

    public IReadOnlyList<Navigation> Navigations { get; }

    public bool HasProperty(string name) => _properties.Contains(name);

    public Navigation? Navigation(string name) => _navigations.GetValueOrDefault(name);

    public override string ToString() => SetName;
}

/// <param name="TargetSet">The entity set it leads into.</param>
/// <param name="IsCollection">Many related entities (<c>Datastreams</c>) or one (<c>Datastream</c>).</param>
public sealed record Navigation(string Name, string TargetSet, bool IsCollection)
{
    public EntityType Target => EntityTypes.BySetName(TargetSet);
}

/// <summary>The eight entity types of the read side, as the standard names them.</summary>
public static class EntityTypes
{
    public static readonly EntityType Thing = new("Thing", "Things", ["name", "description", "properties"], ["properties"],
        [new("Locations", "Locations", true), new("HistoricalLocations", "HistoricalLocations", true), new("Datastreams", "Datastreams", true)]);

    public static readonly EntityType Location = new("Location", "Locations", ["name", "description", "encodingType", "location", "properties"],
        ["properties"], [new("Things", "Things", true), new("HistoricalLocations", "HistoricalLocations", true)]);

    public static readonly EntityType HistoricalLocation = new("HistoricalLocation", "HistoricalLocations", ["time"], [],
        [new("Thing", "Things", false), new("Locations", "Locations", true)]);

    public static readonly EntityType Datastream = new("Datastream", "Datastreams",
        ["name", "description", "unitOfMeasurement", "observationType", "observedArea", "phenomenonTime", "resultTime", "properties"],
        ["unitOfMeasurement", "properties"],
        [new("Thing", "Things", false), new("Sensor", "Sensors", false), new("ObservedProperty", "ObservedProperties", false),
            new("Observations", "Observations", true)]);

    public static readonly EntityType Sensor = new("Sensor", "Sensors", ["name", "description", "encodingType", "metadata", "properties"],
        ["properties"], [new("Datastreams", "Datastreams", true)]);

    public static readonly EntityType ObservedProperty = new("ObservedProperty", "ObservedProperties", ["name", "definition", "description", "properties"],
        ["properties"], [new("Datastreams", "Datastreams", true)]);

    public static readonly EntityType Observation = new("Observation", "Observations",
        ["phenomenonTime", "resultTime", "result", "resultQuality", "validTime", "parameters"], ["resultQuality", "parameters"],
        [new("Datastream", "Datastreams", false), new("FeatureOfInterest", "FeaturesOfInterest", false)]);

    public static readonly EntityType FeatureOfInterest = new("FeatureOfInterest", "FeaturesOfInterest",
        ["name", "description", "encodingType", "feature", "properties"], ["properties"], [new("Observations", "Observations", true)]);

    /// <summary>In the order the root document lists them.</summary>
    public static IReadOnlyList<EntityType> All { get; } =
        [Thing, Location, HistoricalLocation, Datastream, Sensor, ObservedProperty, Observation, FeatureOfInterest];

    private static readonly FrozenDictionary<string, EntityType> BySet = All.ToFrozenDictionary(t => t.SetName, StringComparer.Ordinal);

    public static bool TryGet(string setName, out EntityType type) => BySet.TryGetValue(setName, out type!);

    public static EntityType BySetName(string setName) => BySet[setName];
}
