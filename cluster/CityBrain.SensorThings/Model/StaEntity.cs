using CityBrain.SensorThings.Query;

namespace CityBrain.SensorThings.Model;

/// <summary>One entity as the service shows it: its id, its properties in the order they are written, and the
/// entities its navigation properties lead to (through <see cref="IStaRelations"/>, which knows what the caller may see).</summary>
public sealed class StaEntity(EntityType type, string id, IReadOnlyList<StaProperty> properties, IStaRelations? relations = null) : IStaEntity
{
    public EntityType Type { get; } = type;

    public string Id { get; } = id;

    public IReadOnlyList<StaProperty> Properties { get; } = properties;

    /// <summary>The value of a property of the type; null when the entity has none.</summary>
    public object? this[string name] => TryFind(name, out var value) ? value : null;

    /// <summary>False for a property the entity does not carry, which is written as absent rather than null.</summary>
    public bool TryFind(string name, out object? value)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                value = property.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    public bool TryGetProperty(string name, out object? value)
    {
        if (name is "id" or "@iot.id")
        {
            value = Id;
            return true;
        }
        value = this[name];
        return Type.HasProperty(name);
    }

    public bool TryNavigate(string navigation, out IEnumerable<IStaEntity> related)
    {
        if (Type.Navigation(navigation) is not { } nav)
        {
            related = [];
            return false;
        }
        related = relations?.Related(this, nav) ?? [];
        return true;
    }

    /// <summary>The related entities held in memory; Observations are read from storage instead (see
    /// <see cref="IStaRelations.Related"/>).</summary>
    public IEnumerable<StaEntity> Related(Navigation navigation) => relations?.Related(this, navigation) ?? [];

    public override string ToString() => $"{Type.SetName}('{Id}')";
}

/// <param name="Value">A string, number, bool, <see cref="DateTimeOffset"/>, <see cref="TimeInterval"/>,
/// <see cref="System.Text.Json.JsonElement"/> or NetTopologySuite geometry, or null.</param>
public readonly record struct StaProperty(string Name, object? Value);

/// <summary>Where an entity's navigation properties lead, among the entities one caller may see.</summary>
public interface IStaRelations
{
    /// <summary>The related entities kept in memory: everything but Observations, which a caller reads through the
    /// service's observation reader.</summary>
    IEnumerable<StaEntity> Related(StaEntity entity, Navigation navigation);
}
