using CityBrain.Storage.Retained;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What every retained-message store does, whichever database holds the messages.</summary>
public abstract class RetainedMessageStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's database; each call opens the same database anew.</summary>
    protected abstract IRetainedMessageStore Open();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_put_takes_a_higher_version_and_a_reader_gets_what_changed_after_its_version_in_order()
    {
        var store = Open();
        var a = await store.PutAsync("citybrain/v1/haidian/gw-1/config", "a"u8.ToArray(), Now);
        var b = await store.PutAsync("citybrain/v1/haidian/gw-2/config", "b"u8.ToArray(), Now.AddSeconds(1));
        var c = await store.PutAsync("citybrain/v1/haidian/gw-3/config", "c"u8.ToArray(), Now.AddSeconds(2));

        Assert.True(a < b && b < c);
        var changed = await Open().ChangedSinceAsync(a);
        Assert.Equal([(b, "b"), (c, "c")], changed.Select(m => (m.Version, System.Text.Encoding.UTF8.GetString(m.Payload.Span))));
        Assert.Equal(("citybrain/v1/haidian/gw-2/config", Now.AddSeconds(1)), (changed[0].Topic, changed[0].UpdatedAt));
    }

    [Fact]
    public async Task Putting_a_topic_again_replaces_its_message_under_a_new_version()
    {
        var store = Open();
        var first = await store.PutAsync("citybrain/v1/haidian/gw-1/config", "old"u8.ToArray(), Now);
        await store.PutAsync("citybrain/v1/haidian/gw-2/config", "other"u8.ToArray(), Now);
        var second = await store.PutAsync("citybrain/v1/haidian/gw-1/config", "new"u8.ToArray(), Now.AddMinutes(1));

        var all = await store.ChangedSinceAsync(0);

        Assert.Equal(2, all.Count);
        var replaced = all[^1];
        Assert.Equal((second, "new"), (replaced.Version, System.Text.Encoding.UTF8.GetString(replaced.Payload.Span)));
        Assert.True(second > first);
    }
}
