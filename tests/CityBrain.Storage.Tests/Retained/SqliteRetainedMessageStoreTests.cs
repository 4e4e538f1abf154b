using CityBrain.Storage.Retained;
using CityBrain.Storage.Tests.Contracts;

namespace CityBrain.Storage.Tests.Retained;

public sealed class SqliteRetainedMessageStoreTests : RetainedMessageStoreContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-retained-").FullName, "retained.db");

    protected override IRetainedMessageStore Open() => new SqliteRetainedMessageStore(_path);
}
