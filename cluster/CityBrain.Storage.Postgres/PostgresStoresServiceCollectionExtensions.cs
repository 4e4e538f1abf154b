using CityBrain.Contracts.Journal;
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
using CityBrain.Storage.Postgres.History;
using CityBrain.Storage.Postgres.Journal;
using CityBrain.Storage.Postgres.Notifications;
using CityBrain.Storage.Postgres.Retained;
using CityBrain.Storage.Postgres.Schema;
using CityBrain.Storage.Retained;
using CityBrain.Supervision.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityBrain.Storage.Postgres;

public static class PostgresStoresServiceCollectionExtensions
{
    /// <summary>Every store of a cluster node in the shared PostgreSQL of the "Postgres" section
    /// (<see cref="PostgresStoreOptions"/>): the journal (options from "Journal"), history (from "History"), credentials,
    /// dead letters, retained device messages, supervision cases, archived bulletins, the notification outbox and the accounts (users, API tokens, audit log, data protection keys), with the hosted services that migrate the schema at start and commit
    /// the journal. Grain state registers on the silo, with
    /// <see cref="GrainState.PostgresGrainStorageExtensions.AddPostgresGrainStorage"/>. Uses the registered
    /// <see cref="TimeProvider"/>, or the system clock.</summary>
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, Action<PostgresStoreOptions>? configure = null)
    {
        services.AddPostgresDatabase(configure);
        services.AddRawJournalOptions();
        services.AddOptions<HistoryStoreOptions>().BindConfiguration("History").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HistoryStoreOptions>, HistoryStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<PostgresRawJournal>();
        services.TryAddSingleton<IRawJournal>(sp => sp.GetRequiredService<PostgresRawJournal>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PostgresRawJournal>());
        services.TryAddSingleton<PostgresHistoryStore>();
        services.TryAddSingleton<IHistoryStore>(sp => sp.GetRequiredService<PostgresHistoryStore>());
        services.TryAddSingleton<ICredentialStore, PostgresCredentialStore>();
        services.TryAddSingleton<IDeadLetterStore, PostgresDeadLetterStore>();
        services.TryAddSingleton<IRetainedMessageStore, PostgresRetainedMessageStore>();
        services.TryAddSingleton<IUserStore, PostgresUserStore>();
        services.TryAddSingleton<IApiTokenStore, PostgresApiTokenStore>();
        services.TryAddSingleton<IAuditLog, PostgresAuditLog>();
        services.TryAddSingleton<ICaseStore, PostgresCaseStore>();
        services.TryAddSingleton<IBulletinArchive, PostgresBulletinArchive>();
        services.TryAddSingleton<INotificationStore, PostgresNotificationStore>();
        services.TryAddSingleton<PostgresKeyRing>();
        return services;
    }

    /// <summary>The one data source and schema migration every Postgres store of the node shares; registered once,
    /// whichever of <see cref="AddPostgresStores"/> and the grain storage comes first.</summary>
    internal static IServiceCollection AddPostgresDatabase(this IServiceCollection services, Action<PostgresStoreOptions>? configure = null)
    {
        var options = services.AddOptions<PostgresStoreOptions>();
        if (configure is not null) options.PostConfigure(configure);
        if (services.Any(d => d.ServiceType == typeof(PostgresDatabase))) return services;
        options.BindConfiguration(PostgresStoreOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>());
        services.AddSingleton<PostgresDatabase>();
        // Before the journal's committer among hosted services, so a node whose database it cannot use stops first.
        services.AddHostedService<PostgresSchemaMigration>();
        return services;
    }
}
