using CityBrain.Storage.Cases;
using CityBrain.Storage.Tests.Contracts;
using CityBrain.Supervision.Store;

namespace CityBrain.Storage.Tests.Cases;

public sealed class SqliteCaseStoreTests : CaseStoreContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-cases-").FullName, "cases.db");

    protected override ICaseStore Open() => new SqliteCaseStore(_path);
}
