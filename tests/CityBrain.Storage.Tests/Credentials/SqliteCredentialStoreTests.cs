using CityBrain.Storage.Credentials;
using CityBrain.Storage.Tests.Contracts;

namespace CityBrain.Storage.Tests.Credentials;

public sealed class SqliteCredentialStoreTests : CredentialStoreContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-credentials-").FullName, "credentials.db");

    protected override ICredentialStore Open() => new SqliteCredentialStore(_path);
}
