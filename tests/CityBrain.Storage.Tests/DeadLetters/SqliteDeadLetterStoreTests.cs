using CityBrain.Storage.DeadLetters;
using CityBrain.Storage.Tests.Contracts;

namespace CityBrain.Storage.Tests.DeadLetters;

public sealed class SqliteDeadLetterStoreTests : DeadLetterStoreContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-dead-letters-").FullName, "dead-letters.db");

    protected override IDeadLetterStore Open() => new SqliteDeadLetterStore(_path);
}
