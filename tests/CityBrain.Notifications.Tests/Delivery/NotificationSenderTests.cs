using System.Text.Json;
using CityBrain.Notifications.Outbox;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Notifications.Tests.Delivery;

/// <summary>The sender on a fake clock over a real SQLite outbox, delivering to a real webhook receiver: retries with
/// backoff, the dead-letter list, quiet hours, critical notifications breaking through, idempotent keys, and an outbox
/// that outlives its process. Retries are 3 attempts, 10 s doubling to at most 60 s (<see cref="OutboxHarness"/>).</summary>
public sealed class NotificationSenderTests : IAsyncLifetime
{
    /// <summary>23:00 in Shanghai: inside the quiet hours of the recipients that have them.</summary>
    private static readonly DateTimeOffset LateEvening = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);

    /// <summary>07:00 the next morning in Shanghai, when their quiet hours end.</summary>
    private static readonly DateTimeOffset Morning = new(2026, 12, 7, 23, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Dictionary<string, string>> Recipients = new()
    {
        ["ops"] = [],
        ["night-duty"] = new() { ["QuietHours"] = "22:00-07:00" },
        ["director"] = new() { ["QuietHours"] = "22:00-07:00", ["CriticalBreaksQuietHours"] = "true" },
    };

    private readonly FakeTimeProvider _time = new(LateEvening);
    private WebhookReceiver _receiver = null!;
    private OutboxHarness _outbox = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(_time);
        _outbox = await OutboxHarness.CreateAsync(LateEvening, _receiver, _time, Recipients);
    }

    public async Task DisposeAsync()
    {
        await _outbox.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private static Notification Note(string key, string recipient, NotificationSeverity severity = NotificationSeverity.Warning) =>
        new(key, recipient, severity, $"标题 {key}", "正文", null);

    private static string KeyOf(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("key").GetString()!;

    [Fact]
    public async Task A_failing_endpoint_is_tried_again_after_growing_waits_until_it_accepts()
    {
        _receiver.Answer = (_, before) => before < 2 ? (500, "down") : (200, "ok");

        Assert.True(await _outbox.Outbox.EnqueueAsync(Note("retry-1", "ops")));
        await _receiver.NextAsync();
        await _outbox.EventuallyAsync("ops", "retry-1", r => r.Attempts == 1, "the first failure recorded");
        await _outbox.AdvanceUntilAsync(() => _receiver.At("/ops").Count == 2, TimeSpan.FromMinutes(1), "the second attempt");
        await _outbox.EventuallyAsync("ops", "retry-1", r => r.Attempts == 2, "the second failure recorded");
        await _outbox.AdvanceUntilAsync(() => _receiver.At("/ops").Count == 3, TimeSpan.FromMinutes(1), "the third attempt");

        var sent = await _outbox.EventuallyAsync("ops", "retry-1", r => r.State == NotificationState.Sent, "the notification sent");
        Assert.Equal((3, null), (sent.Attempts, sent.LastError));
        var attempts = _receiver.At("/ops").Select(r => r.At).ToList();
        // After failure n the wait is between half and all of 10 s · 2^(n-1): at least 5 s, then at least 10 s.
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromSeconds(5), $"first wait {attempts[1] - attempts[0]}");
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromSeconds(10), $"second wait {attempts[2] - attempts[1]}");
    }

    [Fact]
    public async Task After_the_last_attempt_a_notification_is_a_dead_letter_with_the_last_error_and_a_requeued_one_is_sent()
    {
        _receiver.Answer = (_, before) => before < 3 ? (500, "robot exploded") : (200, "ok");

        await _outbox.Outbox.EnqueueAsync(Note("dead-1", "ops"));
        await _outbox.AdvanceUntilAsync(() => _receiver.At("/ops").Count == 3, TimeSpan.FromMinutes(3), "three attempts");
        var dead = await _outbox.EventuallyAsync("ops", "dead-1", r => r.State == NotificationState.Dead, "the dead letter");

        Assert.Equal((3, "the webhook answered HTTP 500 Internal Server Error: robot exploded"), (dead.Attempts, dead.LastError));
        Assert.Equal("dead-1", Assert.Single(await _outbox.Store.LatestAsync(NotificationState.Dead, 10)).Notification.Key);
        Assert.Equal(3, _receiver.At("/ops").Count);

        var requeued = await _outbox.Store.RequeueAsync("ops", "dead-1", _time.GetUtcNow());
        Assert.Equal((NotificationState.Pending, 0), (requeued!.State, requeued.Attempts));
        await _outbox.AdvanceUntilAsync(() => _receiver.At("/ops").Count == 4, TimeSpan.FromMinutes(1), "the attempt after the requeue");
        var sent = await _outbox.EventuallyAsync("ops", "dead-1", r => r.State == NotificationState.Sent, "the requeued notification sent");
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task A_notification_in_quiet_hours_waits_for_their_end_and_then_goes()
    {
        await _outbox.Outbox.EnqueueAsync(Note("quiet-1", "night-duty", NotificationSeverity.Critical));

        var held = await _outbox.EventuallyAsync("night-duty", "quiet-1", r => r.NextAttemptAt == Morning, "the hold until 07:00");
        Assert.Equal((NotificationState.Pending, 0), (held.State, held.Attempts));
        Assert.Empty(_receiver.At("/night-duty"));

        _time.SetUtcNow(Morning);
        var delivered = await _receiver.NextAsync();

        Assert.Equal(("/night-duty", "quiet-1"), (delivered.Path, KeyOf(delivered)));
        Assert.True(delivered.At >= Morning);
        await _outbox.EventuallyAsync("night-duty", "quiet-1", r => r.State == NotificationState.Sent, "the notification sent");
    }

    [Fact]
    public async Task A_critical_notification_reaches_a_recipient_who_allows_it_in_quiet_hours_while_a_warning_waits()
    {
        await _outbox.Outbox.EnqueueAsync(Note("warning-1", "director"));
        await _outbox.Outbox.EnqueueAsync(Note("critical-1", "director", NotificationSeverity.Critical));

        var delivered = await _receiver.NextAsync();
        await _outbox.EventuallyAsync("director", "warning-1", r => r.NextAttemptAt == Morning, "the warning held until 07:00");

        Assert.Equal("critical-1", KeyOf(delivered));
        Assert.Equal(LateEvening, delivered.At);
        Assert.Equal(["critical-1"], _receiver.At("/director").Select(KeyOf));
    }

    [Fact]
    public async Task A_key_is_sent_to_a_recipient_once_however_often_it_is_enqueued()
    {
        Assert.True(await _outbox.Outbox.EnqueueAsync(Note("once-1", "ops")));
        Assert.False(await _outbox.Outbox.EnqueueAsync(Note("once-1", "ops") with { Title = "changed" }));
        await _outbox.EventuallyAsync("ops", "once-1", r => r.State == NotificationState.Sent, "the first sent");
        Assert.False(await _outbox.Outbox.EnqueueAsync(Note("once-1", "ops")));
        // The same key to someone else is another notification.
        Assert.True(await _outbox.Outbox.EnqueueAsync(Note("once-1", "director", NotificationSeverity.Critical)));
        Assert.True(await _outbox.Outbox.EnqueueAsync(Note("once-2", "ops")));
        await _outbox.EventuallyAsync("ops", "once-2", r => r.State == NotificationState.Sent, "the second key sent");
        await _outbox.EventuallyAsync("director", "once-1", r => r.State == NotificationState.Sent, "the director's copy sent");

        Assert.Equal(["once-1", "once-2"], _receiver.At("/ops").Select(KeyOf));
        Assert.Equal("标题 once-1", JsonDocument.Parse(_receiver.At("/ops")[0].Body).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_notification_for_a_recipient_nobody_configured_or_malformed_is_refused_at_once()
    {
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => _outbox.Outbox.EnqueueAsync(Note("k", "mayor")));
        var malformed = await Assert.ThrowsAsync<ArgumentException>(() => _outbox.Outbox.EnqueueAsync(Note("has space", "ops")));

        Assert.StartsWith("notification k: no recipient 'mayor' is configured under Notifications:Recipients", unknown.Message);
        Assert.StartsWith("notification key 'has space' must be", malformed.Message);
    }

    [Fact]
    public async Task A_notification_enqueued_and_not_yet_sent_is_sent_by_the_next_process_on_the_same_file()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_time);
        var path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-notifications-").FullName, "notifications.db");
        await using (var before = await OutboxHarness.CreateAsync(LateEvening, receiver, _time, Recipients, path, start: false))
        {
            Assert.True(await before.Outbox.EnqueueAsync(Note("restart-1", "ops")));
        }

        await using var after = await OutboxHarness.CreateAsync(LateEvening, receiver, _time, Recipients, path);
        var delivered = await receiver.NextAsync();

        Assert.Equal(("/ops", "restart-1"), (delivered.Path, KeyOf(delivered)));
        await after.EventuallyAsync("ops", "restart-1", r => r.State == NotificationState.Sent, "the notification sent after the restart");
    }
}
