namespace CityBrain.SensorThings.Query;

/// <summary>What a query is evaluated against: one entity's properties and its related entities, both read
/// synchronously (an entity is materialised with whatever its filter may reach).</summary>
public interface IStaEntity
{
    /// <summary>The value of a property; false for a name the entity type does not have (the evaluator answers 400
    /// for a property that no entity of the set has, and treats an absent value as null). Values are the CLR types of
    /// <see cref="LiteralExpression"/>, a <see cref="System.Text.Json.JsonElement"/> for <c>properties</c>,
    /// <c>parameters</c> and <c>unitOfMeasurement</c>, or a NetTopologySuite geometry for locations and features.</summary>
    bool TryGetProperty(string name, out object? value);

    /// <summary>The entities a navigation property leads to: one for Datastream, Thing, Sensor, …; any number for
    /// Datastreams, Observations, …. False for a name that is not a navigation property of this entity type.</summary>
    bool TryNavigate(string navigation, out IEnumerable<IStaEntity> related);
}
