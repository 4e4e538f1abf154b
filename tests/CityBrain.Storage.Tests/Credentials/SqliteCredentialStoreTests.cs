using CityBrain.Sqlite;
using CityBrain.Storage.Credentials;
using CityBrain.Storage.Tests.Contracts;

namespace CityBrain.Storage.Tests.Credentials;

public sealed class SqliteCredentialStoreTests : CredentialStoreContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-credentials-").FullName, "credentials.db");

    protected override ICredentialStore Open() => new SqliteCredentialStore(_path);

    [Fact]
    public async Task A_file_from_before_rotation_keeps_its_devices_and_gains_the_lifecycle()
    {
        new SqliteDatabase(_path).Execute("""
            CREATE TABLE device_credentials (device_id TEXT PRIMARY KEY, district TEXT NOT NULL, salt BLOB NOT NULL,
                hash BLOB NOT NULL, iterations INTEGER NOT NULL, created_at INTEGER NOT NULL);
            INSERT INTO device_credentials VALUES ('gw-old', 'haidian', x'00', x'00', 1, 0);
            """);

        var store = Open();

        Assert.Equal(0, (await store.FindAsync("gw-old"))!.Change);
        Assert.NotNull(await store.RotateAsync("gw-old", DateTimeOffset.UnixEpoch.AddDays(1)));
        Assert.Equal("gw-old", Assert.Single(await store.ChangesSinceAsync(0)).DeviceId);
    }
}
