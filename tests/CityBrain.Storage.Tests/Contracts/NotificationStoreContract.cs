using CityBrain.Notifications;
using CityBrain.Notifications.Outbox;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What every notification outbox does, whichever database holds it.</summary>
public abstract class NotificationStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's database; each call opens the same database anew, as another process or node would.</summary>
    protected abstract INotificationStore Open();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static NotificationRecord Record(string key, string recipient = "ops", DateTimeOffset? at = null, Uri? link = null) =>
        NotificationRecord.New(new Notification(key, recipient, NotificationSeverity.Critical, "严重污染", "海州区 O3 超标", link), at ?? Now);

    [Fact]
    public async Task A_notification_is_kept_with_everything_it_carried_and_a_recipients_key_only_once()
    {
        var original = Record("case-17:dispatched", link: new Uri("https://citybrain.example.gov.cn/cases/17"));

        Assert.True(await Open().AddAsync(original));
        Assert.False(await Open().AddAsync(original with { Notification = original.Notification with { Title = "changed" } }));
        Assert.True(await Open().AddAsync(Record("case-17:dispatched", "director")));

        Assert.Equal(original, await Open().FindAsync("ops", "case-17:dispatched"));
        Assert.Null(await Open().FindAsync("ops", "case-18:dispatched"));
    }

    [Fact]
    public async Task Claiming_takes_the_longest_due_notifications_and_hides_them_until_the_claim_ends()
    {
        var store = Open();
        await store.AddAsync(Record("later", at: Now.AddMinutes(-1)));
        await store.AddAsync(Record("earliest", at: Now.AddMinutes(-3)));
        await store.AddAsync(Record("middle", at: Now.AddMinutes(-2)));
        await store.AddAsync(Record("not-due", at: Now.AddMinutes(5)));

        var claimed = await store.ClaimDueAsync(Now, Now.AddMinutes(10), 2);

        Assert.Equal(["earliest", "middle"], claimed.Select(r => r.Notification.Key));
        Assert.All(claimed, r => Assert.Equal(Now.AddMinutes(10), r.NextAttemptAt));
        Assert.Equal(["later"], (await Open().ClaimDueAsync(Now, Now.AddMinutes(10), 10)).Select(r => r.Notification.Key));
        Assert.Equal(Now.AddMinutes(5), await store.NextAttemptAsync());
        Assert.Equal(["earliest", "middle", "later", "not-due"], (await store.ClaimDueAsync(Now.AddMinutes(10), Now.AddMinutes(20), 10)).Select(r => r.Notification.Key));
    }

    [Fact]
    public async Task Nodes_claiming_at_once_never_take_the_same_notification()
    {
        var keys = Enumerable.Range(0, 60).Select(n => $"n-{n}").ToList();
        foreach (var key in keys) await Open().AddAsync(Record(key));
        var nodes = Enumerable.Range(0, 4).Select(_ => Open()).ToList();

        var taken = await Task.WhenAll(nodes.Select(async node =>
        {
            var mine = new List<string>();
            IReadOnlyList<NotificationRecord> batch;
            do
            {
                batch = await node.ClaimDueAsync(Now, Now.AddMinutes(5), 4);
                mine.AddRange(batch.Select(r => r.Notification.Key));
            }
            while (batch.Count > 0);
            return mine;
        }));

        var all = taken.SelectMany(k => k).ToList();
        Assert.Equal(keys.Count, all.Count);
        Assert.Equal(keys.Order(), all.Order());
    }

    [Fact]
    public async Task An_outcome_is_written_to_a_pending_notification_only()
    {
        var store = Open();
        var record = Record("k");
        await store.AddAsync(record);
        var failed = record.Failed("HTTP 500", Now.AddSeconds(30));
        await store.UpdateAsync(failed);
        Assert.Equal(failed, await Open().FindAsync("ops", "k"));

        var sent = failed.Sent(Now.AddSeconds(31));
        await store.UpdateAsync(sent);
        await store.UpdateAsync(failed.Failed("late news from a node whose claim had ended", Now.AddMinutes(1)));

        Assert.Equal(sent, await Open().FindAsync("ops", "k"));
        Assert.Equal((NotificationState.Sent, 2, (string?)null), (sent.State, sent.Attempts, sent.LastError));
        Assert.Null(await store.NextAttemptAsync());
    }

    [Fact]
    public async Task A_dead_notification_is_listed_and_can_be_moved_back_to_pending_once()
    {
        var store = Open();
        await store.AddAsync(Record("first"));
        await store.AddAsync(Record("second"));
        await store.AddAsync(Record("sent"));
        await store.UpdateAsync(Record("first").Dead("errcode 93000", Now.AddMinutes(1)));
        await store.UpdateAsync(Record("second").Dead("HTTP 500", Now.AddMinutes(2)));
        await store.UpdateAsync(Record("sent").Sent(Now.AddMinutes(3)));

        Assert.Equal(["second", "first"], (await store.LatestAsync(NotificationState.Dead, 10)).Select(r => r.Notification.Key));
        Assert.Equal(["sent"], (await store.LatestAsync(NotificationState.Sent, 10)).Select(r => r.Notification.Key));
        var requeued = await Open().RequeueAsync("ops", "first", Now.AddMinutes(4));

        Assert.Equal((NotificationState.Pending, 0, Now.AddMinutes(4), (DateTimeOffset?)null, "errcode 93000"),
            (requeued!.State, requeued.Attempts, requeued.NextAttemptAt, requeued.FinishedAt, requeued.LastError));
        Assert.Null(await store.RequeueAsync("ops", "first", Now.AddMinutes(5)));
        Assert.Null(await store.RequeueAsync("ops", "sent", Now.AddMinutes(5)));
        Assert.Null(await store.RequeueAsync("ops", "never", Now.AddMinutes(5)));
        Assert.Equal(["first"], (await store.ClaimDueAsync(Now.AddMinutes(4), Now.AddMinutes(9), 10)).Select(r => r.Notification.Key));
    }

    [Fact]
    public async Task Pruning_forgets_finished_notifications_older_than_the_retention_and_keeps_pending_ones()
    {
        var store = Open();
        foreach (var key in new[] { "old-sent", "old-dead", "new-sent", "pending" }) await store.AddAsync(Record(key));
        await store.UpdateAsync(Record("old-sent").Sent(Now.AddDays(-100)));
        await store.UpdateAsync(Record("old-dead").Dead("gone", Now.AddDays(-91)));
        await store.UpdateAsync(Record("new-sent").Sent(Now.AddDays(-1)));

        Assert.Equal(2, await store.PruneAsync(Now.AddDays(-90)));

        Assert.Null(await store.FindAsync("ops", "old-sent"));
        Assert.Null(await store.FindAsync("ops", "old-dead"));
        Assert.NotNull(await store.FindAsync("ops", "new-sent"));
        Assert.NotNull(await store.FindAsync("ops", "pending"));
        // A forgotten key may be enqueued anew.
        Assert.True(await store.AddAsync(Record("old-sent")));
    }
}
