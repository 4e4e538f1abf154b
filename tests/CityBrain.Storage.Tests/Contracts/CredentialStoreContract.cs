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
}
