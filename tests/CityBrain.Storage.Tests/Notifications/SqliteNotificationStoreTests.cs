using CityBrain.Notifications.Outbox;
using CityBrain.Storage.Notifications;
using CityBrain.Storage.Tests.Contracts;

namespace CityBrain.Storage.Tests.Notifications;

public sealed class SqliteNotificationStoreTests : NotificationStoreContract
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-notifications-").FullName, "notifications.db");

    protected override INotificationStore Open() => new SqliteNotificationStore(_path);
}
