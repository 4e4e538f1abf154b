using CityBrain.Indicators.History;
using CityBrain.Notifications.Outbox;
using CityBrain.Storage.Accounts;
using CityBrain.Storage.Bulletins;
using CityBrain.Storage.Credentials;
using CityBrain.Storage.DeadLetters;
using CityBrain.Storage.History;
using CityBrain.Storage.Journal;
using CityBrain.Storage.Postgres.Accounts;
using CityBrain.Storage.Postgres.Bulletins;
using CityBrain.Storage.Postgres.Cases;
using CityBrain.Storage.Postgres.Credentials;
using CityBrain.Storage.Postgres.DeadLetters;
using CityBrain.Storage.Postgres.GrainState;
using CityBrain.Storage.Postgres.History;
using CityBrain.Storage.Postgres.Journal;
using CityBrain.Storage.Postgres.Notifications;
using CityBrain.Storage.Postgres.Retained;
using CityBrain.Storage.Retained;
using CityBrain.Storage.Tests.Contracts;
using CityBrain.Supervision.Store;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace CityBrain.Storage.Postgres.Tests;

// The stores' shared contract against PostgreSQL, each test on a database of its own.

[Collection(PostgresFixture.Collection)]
public sealed class PostgresRawJournalContractTests(PostgresFixture postgres) : RawJournalContract<PostgresRawJournal>
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override PostgresRawJournal Create(Action<RawJournalOptions>? configure = null)
    {
        var options = new RawJournalOptions();
        configure?.Invoke(options);
        return new PostgresRawJournal(_database.Open(), Options.Create(options), Time, NullLogger<PostgresRawJournal>.Instance);
    }
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresHistoryStoreContractTests(PostgresFixture postgres) : HistoryStoreContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override IHistoryStore Open(Action<HistoryStoreOptions>? configure = null)
    {
        var options = new HistoryStoreOptions();
        configure?.Invoke(options);
        return new PostgresHistoryStore(_database.Open(), Options.Create(options), Time, NullLogger<PostgresHistoryStore>.Instance);
    }

    protected override Task<int> PruneAsync(IHistoryStore store) => ((PostgresHistoryStore)store).PruneAsync();
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresGrainStorageContractTests(PostgresFixture postgres) : GrainStorageContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override async Task<IGrainStorage> OpenAsync()
    {
        var storage = new PostgresGrainStorage("test", _database.Open(), Serializer, NullLogger<PostgresGrainStorage>.Instance);
        await storage.Initialize(CancellationToken.None);
        return storage;
    }
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresCredentialStoreContractTests(PostgresFixture postgres) : CredentialStoreContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override ICredentialStore Open() => new PostgresCredentialStore(_database.Open());
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresDeadLetterStoreContractTests(PostgresFixture postgres) : DeadLetterStoreContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override IDeadLetterStore Open() => new PostgresDeadLetterStore(_database.Open());
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresRetainedMessageStoreContractTests(PostgresFixture postgres) : RetainedMessageStoreContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override IRetainedMessageStore Open() => new PostgresRetainedMessageStore(_database.Open());
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresNotificationStoreContractTests(PostgresFixture postgres) : NotificationStoreContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override INotificationStore Open() => new PostgresNotificationStore(_database.Open());
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresAccountStoreContractTests(PostgresFixture postgres) : AccountStoreContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override IUserStore Users() => new PostgresUserStore(_database.Open());

    protected override IApiTokenStore Tokens() => new PostgresApiTokenStore(_database.Open());

    protected override IAuditLog Audit() => new PostgresAuditLog(_database.Open());

    [Fact]
    public void The_data_protection_key_ring_is_shared_by_every_node_and_keeps_the_first_of_a_name()
    {
        new PostgresKeyRing(_database.Open()).Add("key-1", "<key id=\"1\" />");
        new PostgresKeyRing(_database.Open()).Add("key-1", "<key id=\"other\" />");
        new PostgresKeyRing(_database.Open()).Add("key-2", "<key id=\"2\" />");

        Assert.Equal(["<key id=\"1\" />", "<key id=\"2\" />"], new PostgresKeyRing(_database.Open()).All());
    }
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresCaseStoreContractTests(PostgresFixture postgres) : CaseStoreContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override ICaseStore Open() => new PostgresCaseStore(_database.Open());
}

[Collection(PostgresFixture.Collection)]
public sealed class PostgresBulletinArchiveContractTests(PostgresFixture postgres) : BulletinArchiveContract
{
    private readonly TestDatabase _database = new(postgres);

    public override Task InitializeAsync() => _database.CreateAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();

    protected override IBulletinArchive Open() => new PostgresBulletinArchive(_database.Open());
}
