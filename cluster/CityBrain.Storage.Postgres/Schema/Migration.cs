namespace CityBrain.Storage.Postgres.Schema;

/// <summary>One step of the schema, applied once in version order and recorded in <c>schema_migrations</c>.</summary>
public sealed record Migration(int Version, string Description, string Sql);
