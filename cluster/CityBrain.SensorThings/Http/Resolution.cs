using CityBrain.SensorThings.Data;
using CityBrain.SensorThings.Model;

namespace CityBrain.SensorThings.Http;

/// <summary>What a resource path addresses, or why it addresses nothing.</summary>
public abstract record Resolution;

public sealed record CollectionResolution(EntitySource Source) : Resolution;

public sealed record EntityResolution(StaEntity Entity) : Resolution;

public sealed record PropertyResolution(StaEntity Entity, string Property) : Resolution;

/// <param name="Status">404 for an entity or a name that does not exist, 400 for a path that cannot be followed.</param>
public sealed record FailedResolution(int Status, string Error) : Resolution;

/// <summary>An entity the caller may not read, addressed by id: answered 401 or 403 with the access sentence rather
/// than 404, so a caller learns what would let them read it.</summary>
public sealed record RefusedResolution(OpenData.Access.OpenDataset Dataset) : Resolution;
