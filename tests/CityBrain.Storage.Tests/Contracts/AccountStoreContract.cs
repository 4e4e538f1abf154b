using CityBrain.Storage.Accounts;
using CityBrain.Storage.Credentials;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What the user, API token and audit stores do, whichever database holds them.</summary>
public abstract class AccountStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    protected abstract IUserStore Users();

    protected abstract IApiTokenStore Tokens();

    protected abstract IAuditLog Audit();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_user_is_added_once_found_updated_listed_and_deleted()
    {
        var store = Users();
        Assert.False(await store.AnyAsync());
        var user = new UserAccount("tech-1", "technician", ["haidian", "chaoyang"], false, PasswordHashing.Hash("first password"), Now, Now);

        Assert.True(await store.AddAsync(user));
        Assert.False(await store.AddAsync(user with { Role = "administrator" }));
        Assert.True(await Users().AnyAsync());
        var found = await Users().FindAsync("tech-1");
        Assert.Equal(("technician", Now, Now), (found!.Role, found.CreatedAt, found.PasswordChangedAt));
        Assert.Equal(["haidian", "chaoyang"], found.Districts);
        Assert.True(PasswordHashing.Matches(found.Password, "first password"));

        var changed = found with { Role = "viewer", Districts = [], Disabled = true, Password = PasswordHashing.Hash("second password"), PasswordChangedAt = Now.AddHours(1) };
        Assert.True(await store.UpdateAsync(changed));
        Assert.False(await store.UpdateAsync(changed with { Name = "nobody" }));
        var updated = (await Users().ListAsync()).Single();
        Assert.Equal(("viewer", 0, true, Now.AddHours(1)), (updated.Role, updated.Districts.Count, updated.Disabled, updated.PasswordChangedAt));
        Assert.True(PasswordHashing.Matches(updated.Password, "second password"));

        Assert.True(await store.DeleteAsync("tech-1"));
        Assert.False(await store.DeleteAsync("tech-1"));
        Assert.Null(await Users().FindAsync("tech-1"));
    }

    [Fact]
    public async Task A_token_is_found_by_its_hash_only_and_revoked_once()
    {
        var store = Tokens();
        var token = new ApiToken("id-1", "wall-script", "technician", ["haidian"], Now, Now.AddDays(30), null);
        await store.AddAsync(token, [1, 2, 3]);
        await store.AddAsync(token with { Id = "id-2", Name = "newer", CreatedAt = Now.AddHours(1) }, [4, 5, 6]);

        var found = await Tokens().FindAsync([1, 2, 3]);
        Assert.Equal(token with { Districts = found!.Districts }, found);
        Assert.Equal(["haidian"], found.Districts);
        Assert.Null(await store.FindAsync([9, 9, 9]));
        Assert.True(await store.RevokeAsync("id-1", Now.AddDays(1)));
        Assert.True(await store.RevokeAsync("id-1", Now.AddDays(2)));
        Assert.False(await store.RevokeAsync("nope", Now));
        Assert.Equal(Now.AddDays(1), (await store.FindAsync([1, 2, 3]))!.RevokedAt);
        Assert.Equal(["id-2", "id-1"], (await Tokens().ListAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task Audit_entries_come_back_newest_first_filtered_by_time_and_actor()
    {
        var log = Audit();
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(new AuditEntry(Now.AddMinutes(i), i % 2 == 0 ? "alice" : null, i % 2 == 0 ? "operator" : null, "PUT",
                "/api/devices/{id}/config", $$"""{"id":"gw-{{i}}"}""", 202, "10.0.0.7"));
        }

        var all = await Audit().QueryAsync(new AuditQuery(null, null, null, 100));
        var alice = await log.QueryAsync(new AuditQuery(Now.AddMinutes(1), Now.AddMinutes(4), "alice", 100));
        var latest = await log.QueryAsync(new AuditQuery(null, null, null, 2));

        Assert.Equal([4, 3, 2, 1, 0], all.Select(e => (int)(e.At - Now).TotalMinutes));
        Assert.Equal(new AuditEntry(Now.AddMinutes(2), "alice", "operator", "PUT", "/api/devices/{id}/config", """{"id":"gw-2"}""", 202, "10.0.0.7"), Assert.Single(alice));
        Assert.Null(all[1].Actor);
        Assert.Equal([4, 3], latest.Select(e => (int)(e.At - Now).TotalMinutes));
    }
}
