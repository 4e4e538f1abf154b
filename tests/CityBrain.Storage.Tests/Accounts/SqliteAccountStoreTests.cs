using CityBrain.Storage.Accounts;
using CityBrain.Storage.Tests.Contracts;

namespace CityBrain.Storage.Tests.Accounts;

public sealed class SqliteAccountStoreTests : AccountStoreContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-accounts-").FullName, "accounts.db");

    protected override IUserStore Users() => new SqliteUserStore(_path);

    protected override IApiTokenStore Tokens() => new SqliteApiTokenStore(_path);

    protected override IAuditLog Audit() => new SqliteAuditLog(_path);
}
