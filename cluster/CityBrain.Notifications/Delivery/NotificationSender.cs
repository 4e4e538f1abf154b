using CityBrain.Notifications.Channels;
using CityBrain.Notifications.Outbox;
using CityBrain.Notifications.Recipients;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Notifications.Delivery;

/// <summary>Delivers the outbox: takes what is due, holds what falls in its recipient's quiet hours until they end,
/// sends the rest through the recipient's channel, schedules a failed attempt again with <see cref="RetryPolicy"/>, and
/// after the last attempt moves the notification to the dead-letter list. Sleeps until the next notification is due,
/// this node enqueues one, or <see cref="NotificationOptions.PollInterval"/> passes (another node may have).</summary>
public sealed partial class NotificationSender(
    INotificationStore store, IRecipientDirectory recipients, NotificationChannels channels, OutboxSignal signal,
    IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationSender> logger) : BackgroundService
{
    private const int BatchSize = 16;
    private const int Parallelism = 4;
    private const string StoreSubject = "(store)";
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly NotificationOptions _options = options.Value;
    private readonly RetryPolicy _retries = RetryPolicy.Of(options.Value);
    private readonly FailureThrottle _failures = new(time, TimeSpan.FromMinutes(1));
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            signal.Reset();
            TimeSpan wait;
            try
            {
                await SendDueAsync(stoppingToken);
                await PruneAsync(stoppingToken);
                wait = await UntilNextAsync(stoppingToken);
                _failures.Clear(StoreSubject);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The store is unreachable (a PostgreSQL restart, a full disk): try again after a poll, saying so once a minute.
                if (_failures.ShouldLog(StoreSubject, out var suppressed)) LogStoreFailed(ex, suppressed);
                wait = _options.PollInterval;
            }
            if (wait <= TimeSpan.Zero) continue;
            try
            {
                await signal.WaitAsync(wait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task SendDueAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<NotificationRecord> due;
        do
        {
            var now = time.GetUtcNow();
            due = await store.ClaimDueAsync(now, now + _options.ClaimTimeout, BatchSize, stoppingToken);
            // Not cancelled with the host: each claimed notification still gets its outcome written, if only "due now".
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
                async (record, _) => await store.UpdateAsync(await AttemptAsync(record, stoppingToken), CancellationToken.None));
        }
        while (due.Count == BatchSize);
    }

    /// <summary>What became of <paramref name="record"/>: sent, held, scheduled again, or dead. A stop in the middle
    /// makes it due at once, for this node after its restart or for another node now.</summary>
    private async Task<NotificationRecord> AttemptAsync(NotificationRecord record, CancellationToken stoppingToken)
    {
        var notification = record.Notification;
        var now = time.GetUtcNow();
        if (recipients.Find(notification.RecipientId) is not { } recipient)
        {
            var gone = $"recipient '{notification.RecipientId}' is no longer configured under {NotificationOptions.Section}:Recipients";
            LogDead(notification.Key, notification.RecipientId, record.Attempts, gone);
            return record.Dead(gone, now, attempted: false);
        }
        if (recipient.HeldUntil(notification.Severity, now) is { } until)
        {
            LogHeld(notification.Key, recipient.Id, until);
            return record.HeldUntil(until);
        }
        try
        {
            await channels.SendAsync(notification, recipient, stoppingToken);
        }
        catch (Exception ex)
        {
            return stoppingToken.IsCancellationRequested ? record.HeldUntil(time.GetUtcNow()) : Failed(record, recipient, Describe(ex));
        }
        _failures.Clear(recipient.Id);
        var sent = record.Sent(time.GetUtcNow());
        LogSent(notification.Key, recipient.Id, recipient.Channel, sent.Attempts);
        return sent;
    }

    private NotificationRecord Failed(NotificationRecord record, Recipient recipient, string error)
    {
        var now = time.GetUtcNow();
        var failures = record.Attempts + 1;
        if (_retries.IsExhausted(failures))
        {
            LogDead(record.Notification.Key, recipient.Id, failures, error);
            return record.Dead(error, now);
        }
        var next = now + _retries.DelayAfter(failures);
        if (_failures.ShouldLog(recipient.Id, out var suppressed))
        {
            LogFailed(record.Notification.Key, recipient.Id, recipient.Channel, failures, _options.MaxAttempts, next, error, suppressed);
        }
        return record.Failed(error, next);
    }

    private async Task<TimeSpan> UntilNextAsync(CancellationToken stoppingToken)
    {
        var next = await store.NextAttemptAsync(stoppingToken);
        var wait = next is { } due ? due - time.GetUtcNow() : _options.PollInterval;
        return wait < _options.PollInterval ? wait : _options.PollInterval;
    }

    private async Task PruneAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (now - _prunedAt < PruneInterval) return;
        var pruned = await store.PruneAsync(now - _options.Retention, stoppingToken);
        _prunedAt = now;
        if (pruned > 0) LogPruned(pruned, _options.Retention);
    }

    /// <summary>A refusal says it all; an I/O error is named by its type too ("SocketException: Connection refused").</summary>
    private static string Describe(Exception ex) => ex switch
    {
        DeliveryFailedException => ex.Message,
        TaskCanceledException or TimeoutException => $"no answer within the send timeout ({ex.Message})",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Key} sent to {Recipient} over {Channel} (attempt {Attempt})")]
    private partial void LogSent(string key, string recipient, ChannelKind channel, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Key} to {Recipient} held until {Until:O}, the end of the recipient's quiet hours")]
    private partial void LogHeld(string key, string recipient, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Notification {Key} to {Recipient} over {Channel} failed (attempt {Attempt} of {MaxAttempts}), next attempt at {NextAttempt:O}: {Error} ({Suppressed} more failures for this recipient since the last such line)")]
    private partial void LogFailed(string key, string recipient, ChannelKind channel, int attempt, int maxAttempts, DateTimeOffset nextAttempt, string error, int suppressed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Key} to {Recipient} is given up after {Attempts} attempts and kept in the dead-letter list: {Error}")]
    private partial void LogDead(string key, string recipient, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification outbox cannot be read or written; trying again ({Suppressed} more such failures since the last line)")]
    private partial void LogStoreFailed(Exception exception, int suppressed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} sent and dead notifications older than {Retention}")]
    private partial void LogPruned(int count, TimeSpan retention);
}
