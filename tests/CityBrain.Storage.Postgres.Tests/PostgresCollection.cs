using CityBrain.Testing.Servers;

namespace CityBrain.Storage.Postgres.Tests;

[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
