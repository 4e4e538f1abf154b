using CityBrain.Storage.GrainState;
using CityBrain.Storage.Tests.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace CityBrain.Storage.Tests.GrainState;

public sealed class SqliteGrainStorageTests : GrainStorageContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-grainstate-").FullName, "grains.db");

    protected override async Task<IGrainStorage> OpenAsync()
    {
        var storage = new SqliteGrainStorage("test", new SqliteGrainStorageOptions { DatabasePath = _path }, Serializer, NullLogger<SqliteGrainStorage>.Instance);
        await storage.Initialize(CancellationToken.None);
        return storage;
    }
}
