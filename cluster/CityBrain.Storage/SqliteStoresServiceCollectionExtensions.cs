using CityBrain.Notifications.Outbox;
using CityBrain.Storage.Accounts;
using CityBrain.Storage.Bulletins;
using CityBrain.Storage.Cases;
using CityBrain.Storage.Credentials;
using CityBrain.Storage.DeadLetters;
using CityBrain.Storage.History;
using CityBrain.Storage.Journal;
using CityBrain.Storage.Notifications;
using CityBrain.Storage.Retained;
using Microsoft.Extensions.Configuration;
using CityBrain.Supervision.Store;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Storage;

public static class SqliteStoresServiceCollectionExtensions
{
    /// <summary>Every store of a one-machine city brain, as SQLite files in <paramref name="dataDirectory"/>: the journal,
    /// history, credentials, dead letters, retained device messages, supervision cases, archived bulletins, the notification outbox, and the accounts (users, API tokens, audit log) (grain state registers on the silo, with
    /// <see cref="GrainState.SqliteGrainStorageExtensions.AddSqliteGrainStorage"/>).</summary>
    public static IServiceCollection AddSqliteStores(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        string PathOf(string file) => Path.Combine(dataDirectory, file);
        services.AddSqliteHistoryStore(o =>
        {
            configuration.GetSection("History").Bind(o);
            o.DatabasePath = PathOf("history.db");
        });
        services.AddSqliteRawJournal(o => o.DatabasePath = PathOf("journal.db"));
        services.AddSingleton<IDeadLetterStore>(new SqliteDeadLetterStore(PathOf("dead-letters.db")));
        services.AddSingleton<ICredentialStore>(new SqliteCredentialStore(PathOf("credentials.db")));
        services.AddSingleton<IRetainedMessageStore>(new SqliteRetainedMessageStore(PathOf("retained.db")));
        services.AddSingleton<IUserStore>(new SqliteUserStore(PathOf("accounts.db")));
        services.AddSingleton<IApiTokenStore>(new SqliteApiTokenStore(PathOf("accounts.db")));
        services.AddSingleton<IAuditLog>(new SqliteAuditLog(PathOf("accounts.db")));
        services.AddSingleton<ICaseStore>(new SqliteCaseStore(PathOf("cases.db")));
        services.AddSingleton<IBulletinArchive>(new SqliteBulletinArchive(PathOf("bulletins.db")));
        services.AddSingleton<INotificationStore>(new SqliteNotificationStore(PathOf("notifications.db")));
        return services;
    }
}
