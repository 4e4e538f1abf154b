using CityBrain.Storage.Credentials;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What every credential store does, whichever database holds the hashes.</summary>
public abstract class CredentialStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's database; each call opens the same database anew.</summary>
    protected abstract ICredentialStore Open();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_provisioned_device_is_known_with_its_district_and_time()
    {
        var password = await Open().ProvisionAsync("gw-1", "haidian", Now);

        Assert.Equal(new DeviceCredential("gw-1", "haidian", Now), await Open().VerifyAsync("gw-1", password));
    }

    [Fact]
    public async Task Reprovisioning_replaces_the_password_and_the_district()
    {
        var store = Open();
        var old = await store.ProvisionAsync("gw-1", "haidian", Now);
        var fresh = await store.ProvisionAsync("gw-1", "chaoyang", Now.AddDays(1));

        Assert.NotEqual(old, fresh);
        Assert.Null(await store.VerifyAsync("gw-1", old));
        Assert.Equal("chaoyang", (await store.VerifyAsync("gw-1", fresh))!.District);
    }

    [Fact]
    public async Task A_wrong_missing_or_other_devices_password_and_an_unknown_device_are_refused()
    {
        var store = Open();
        var password = await store.ProvisionAsync("gw-1", "haidian", Now);
        var other = await store.ProvisionAsync("gw-2", "haidian", Now);

        Assert.Null(await store.VerifyAsync("gw-1", "wrong"));
        Assert.Null(await store.VerifyAsync("gw-1", null));
        Assert.Null(await store.VerifyAsync("gw-1", other));
        Assert.Null(await store.VerifyAsync("gw-unknown", password));
    }

    [Fact]
    public async Task Rotating_gives_a_new_password_and_the_old_one_stops_working()
    {
        var store = Open();
        var old = await store.ProvisionAsync("gw-1", "haidian", Now);
        var before = (await store.FindAsync("gw-1"))!;

        var fresh = await Open().RotateAsync("gw-1", Now.AddDays(1));

        Assert.NotNull(fresh);
        Assert.NotEqual(old, fresh);
        Assert.Null(await store.VerifyAsync("gw-1", old));
        Assert.Equal(new DeviceCredential("gw-1", "haidian", Now), await store.VerifyAsync("gw-1", fresh));
        Assert.True((await store.FindAsync("gw-1"))!.Change > before.Change);
        Assert.Equal(Now.AddDays(1), Assert.Single(await store.ListAsync(null)).RotatedAt);
    }

    [Fact]
    public async Task A_revoked_device_is_not_found_cannot_be_rotated_and_is_listed_as_revoked()
    {
        var store = Open();
        var password = await store.ProvisionAsync("gw-1", "haidian", Now);

        Assert.True(await Open().RevokeAsync("gw-1", Now.AddHours(1)));

        Assert.Null(await store.FindAsync("gw-1"));
        Assert.Null(await store.VerifyAsync("gw-1", password));
        Assert.Null(await store.RotateAsync("gw-1", Now.AddHours(2)));
        Assert.False(await store.RevokeAsync("gw-1", Now.AddHours(2)));
        Assert.Equal(new CredentialSummary("gw-1", "haidian", Now, null, Now.AddHours(1)), Assert.Single(await store.ListAsync(null)));
    }

    [Fact]
    public async Task A_revoked_device_can_be_provisioned_again()
    {
        var store = Open();
        await store.ProvisionAsync("gw-1", "haidian", Now);
        await store.RevokeAsync("gw-1", Now.AddHours(1));

        var password = await store.ProvisionAsync("gw-1", "chaoyang", Now.AddHours(2));

        Assert.Equal("chaoyang", (await store.VerifyAsync("gw-1", password))!.District);
        Assert.Null(Assert.Single(await store.ListAsync(null)).RevokedAt);
    }

    [Fact]
    public async Task Rotating_or_revoking_an_unknown_device_changes_nothing()
    {
        var store = Open();

        Assert.Null(await store.RotateAsync("gw-unknown", Now));
        Assert.False(await store.RevokeAsync("gw-unknown", Now));
        Assert.Empty(await store.ListAsync(null));
        Assert.Equal(0, await store.LatestChangeAsync());
    }

    [Fact]
    public async Task The_list_is_by_device_and_can_be_narrowed_to_a_district()
    {
        var store = Open();
        await store.ProvisionAsync("gw-b", "haidian", Now);
        await store.ProvisionAsync("gw-a", "chaoyang", Now);
        await store.ProvisionAsync("gw-c", "haidian", Now);

        Assert.Equal(["gw-a", "gw-b", "gw-c"], (await store.ListAsync(null)).Select(c => c.DeviceId));
        Assert.Equal(["gw-b", "gw-c"], (await store.ListAsync("haidian")).Select(c => c.DeviceId));
        Assert.Empty(await store.ListAsync("dongcheng"));
    }

    [Fact]
    public async Task Changes_since_a_number_name_each_changed_device_once_in_order_of_its_latest_change()
    {
        var store = Open();
        await store.ProvisionAsync("gw-1", "haidian", Now);
        await store.ProvisionAsync("gw-2", "haidian", Now);
        var seen = await Open().LatestChangeAsync();

        await store.RevokeAsync("gw-1", Now);
        await store.ProvisionAsync("gw-3", "haidian", Now);
        await store.RotateAsync("gw-2", Now);
        await store.RotateAsync("gw-2", Now);

        var changes = await Open().ChangesSinceAsync(seen);
        Assert.Equal(["gw-1", "gw-3", "gw-2"], changes.Select(c => c.DeviceId));
        Assert.True(changes.Zip(changes.Skip(1)).All(pair => pair.First.Change < pair.Second.Change));
        Assert.Equal(changes[^1].Change, await store.LatestChangeAsync());
        Assert.Equal(changes[^1].Change, (await store.FindAsync("gw-2"))!.Change);
        Assert.Empty(await store.ChangesSinceAsync(changes[^1].Change));
    }
}
