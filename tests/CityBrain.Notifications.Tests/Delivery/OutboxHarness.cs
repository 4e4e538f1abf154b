using CityBrain.Notifications.Outbox;
using CityBrain.Storage.Notifications;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Notifications.Tests.Delivery;

/// <summary>The notification services as a host registers them, over a real SQLite outbox and on a fake clock, with a
/// webhook receiver as every recipient's endpoint: <c>{id}</c> is a signed webhook at <c>/{id}</c>.</summary>
public sealed class OutboxHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    private OutboxHarness(IHost host, FakeTimeProvider time, WebhookReceiver receiver, string databasePath)
    {
        _host = host;
        Time = time;
        Receiver = receiver;
        DatabasePath = databasePath;
    }

    public FakeTimeProvider Time { get; }

    public WebhookReceiver Receiver { get; }

    public string DatabasePath { get; }

    public INotificationOutbox Outbox => _host.Services.GetRequiredService<INotificationOutbox>();

    public INotificationStore Store => _host.Services.GetRequiredService<INotificationStore>();

    /// <param name="recipients">Per recipient id, its settings beyond channel, address and secret (e.g. QuietHours).</param>
    /// <param name="start">Whether the sender runs; a harness not started only enqueues.</param>
    public static async Task<OutboxHarness> CreateAsync(DateTimeOffset now, WebhookReceiver receiver, FakeTimeProvider time,
        IReadOnlyDictionary<string, Dictionary<string, string>> recipients, string? databasePath = null, bool start = true)
    {
        databasePath ??= Path.Combine(Directory.CreateTempSubdirectory("citybrain-notifications-").FullName, "notifications.db");
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:MaxAttempts"] = "3", ["Notifications:BaseDelay"] = "00:00:10", ["Notifications:MaxDelay"] = "00:01:00",
            ["Notifications:PollInterval"] = "00:00:05",
        };
        foreach (var (id, extra) in recipients)
        {
            var path = $"Notifications:Recipients:{id}";
            settings[$"{path}:Name"] = id;
            settings[$"{path}:Channel"] = "Webhook";
            settings[$"{path}:Address"] = receiver.Url("/" + id).AbsoluteUri;
            settings[$"{path}:Secret"] = Samples.WebhookSecret;
            foreach (var (key, value) in extra) settings[$"{path}:{key}"] = value;
        }
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<INotificationStore>(new SqliteNotificationStore(databasePath));
        builder.Services.AddNotifications();
        var harness = new OutboxHarness(builder.Build(), time, receiver, databasePath);
        if (start)
        {
            await harness._host.StartAsync();
            harness._started = true;
        }
        return harness;
    }

    /// <summary>The stored notification once <paramref name="condition"/> holds, polling the store for up to 30 s.</summary>
    public async Task<NotificationRecord> EventuallyAsync(string recipient, string key, Func<NotificationRecord, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        NotificationRecord? record;
        do
        {
            record = await Store.FindAsync(recipient, key);
            if (record is not null && condition(record)) return record;
            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"timed out waiting for {what}; last seen: {record}");
    }

    /// <summary>Moves the fake clock a second at a time until <paramref name="done"/>, at most <paramref name="limit"/>
    /// of fake time, giving the sender a moment of real time after each step.</summary>
    public async Task AdvanceUntilAsync(Func<bool> done, TimeSpan limit, string what)
    {
        var end = Time.GetUtcNow() + limit;
        do
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
        while (!done() && Time.GetUtcNow() < end);
        // The sender may still be busy with the last step: give it real time before giving up.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done() && DateTime.UtcNow < deadline) await Task.Delay(20);
        if (!done()) throw new TimeoutException($"timed out waiting for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started) await _host.StopAsync();
        _host.Dispose();
    }
}
