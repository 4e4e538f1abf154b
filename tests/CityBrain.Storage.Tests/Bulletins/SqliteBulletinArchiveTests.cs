using CityBrain.Storage.Bulletins;
using CityBrain.Storage.Tests.Contracts;

namespace CityBrain.Storage.Tests.Bulletins;

public sealed class SqliteBulletinArchiveTests : BulletinArchiveContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-bulletins-").FullName, "bulletins.db");

    protected override IBulletinArchive Open() => new SqliteBulletinArchive(_path);
}
