using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityBrain.Host.Security;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>Users, API tokens and the audit log through the API, against one real host.</summary>
[Collection(HostCollection.Name)]
public sealed class AccountApiTests(HostFixture fixture)
{
    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task An_administrator_adds_a_user_who_signs_in_with_their_role_and_loses_access_when_disabled()
    {
        using var created = await Host.Http.PostAsJsonAsync("/api/users",
            new { userName = "tech-1", password = "technician-password", role = "technician", districts = new[] { "haidian" } });
        using var duplicate = await Host.Http.PostAsJsonAsync("/api/users",
            new { userName = "tech-1", password = "technician-password", role = "viewer" });
        using var client = Host.NewClient(new CookieContainer());
        await TestAdmin.SignInAsync(client, "tech-1", "technician-password");
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        using var listed = await Host.Http.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("""{"userName":"tech-1","role":"technician","districts":["haidian"],"anonymous":false}""", session.GetRawText());
        Assert.Contains("\"userName\":\"tech-1\"", await listed.Content.ReadAsStringAsync());
        Assert.DoesNotContain("hash", await listed.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        using var disabled = await Host.Http.PutAsJsonAsync("/api/users/tech-1", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        // The open session ends with the account, and signing in again is refused like a wrong password.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/regions/demo-city")).StatusCode);
        using var again = await Host.Anonymous.PostAsJsonAsync("/api/session", new { userName = "tech-1", password = "technician-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Theory]
    [InlineData("""{"userName":"Bad Name","password":"long-enough-password","role":"viewer"}""", "userName")]
    [InlineData("""{"userName":"short-pw","password":"short","role":"viewer"}""", "password must be at least 12")]
    [InlineData("""{"userName":"no-role","password":"long-enough-password","role":"king"}""", "role must be one of")]
    [InlineData("""{"userName":"op-d","password":"long-enough-password","role":"operator","districts":["haidian"]}""", "districts are only for the technician role")]
    public async Task A_user_that_breaks_a_rule_is_refused_naming_it(string body, string expected)
    {
        using var response = await Host.Http.PostAsync("/api/users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_demoted_disabled_or_deleted()
    {
        // The fixture's admin may not be the only administrator if another test made one; make sure of the case.
        var users = await Host.Http.GetFromJsonAsync<JsonElement>("/api/users");
        var others = users.EnumerateArray().Where(u => u.GetProperty("role").GetString() == Roles.Administrator
            && !u.GetProperty("disabled").GetBoolean() && u.GetProperty("userName").GetString() != TestAdmin.UserName).ToList();
        Assert.Empty(others);

        using var demoted = await Host.Http.PutAsJsonAsync($"/api/users/{TestAdmin.UserName}", new { role = "viewer" });
        using var deleted = await Host.Http.DeleteAsync($"/api/users/{TestAdmin.UserName}");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (demoted.StatusCode, deleted.StatusCode));
    }

    [Fact]
    public async Task A_token_is_shown_once_works_as_bearer_and_is_refused_once_revoked_or_expired()
    {
        using var created = await Host.Http.PostAsJsonAsync("/api/tokens",
            new { name = "wall-script", role = "operator", expiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("token").GetProperty("id").GetString()!;
        using var machine = Bearer(secret);
        var session = await machine.GetFromJsonAsync<JsonElement>("/api/session");
        using var listed = await Host.Http.GetAsync("/api/tokens");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("""{"userName":"wall-script","role":"operator","districts":[],"anonymous":false}""", session.GetRawText());
        Assert.DoesNotContain(secret, await listed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/users")).StatusCode);

        using var revoked = await Host.Http.DeleteAsync($"/api/tokens/{id}");
        using var after = await machine.GetAsync("/api/regions/demo-city");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", await after.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.DeleteAsync("/api/tokens/no-such-token")).StatusCode);

        // An expired token cannot be made through the API, so it is stored as one that was valid yesterday.
        var store = Host.Service<Storage.Accounts.IApiTokenStore>();
        var expiredSecret = AuthTokens.NewSecret();
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        await store.AddAsync(new Storage.Accounts.ApiToken(AuthTokens.NewId(), "old-script", "viewer", [], yesterday.AddDays(-1), yesterday, null),
            AuthTokens.Hash(expiredSecret));
        using var expired = await Bearer(expiredSecret).GetAsync("/api/regions/demo-city");
        using var unknown = await Bearer("cbt_not-a-token").GetAsync("/api/regions/demo-city");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (expired.StatusCode, unknown.StatusCode));
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"name":"t1","role":"viewer"}""", "expiresAt is required")]
    [InlineData("""{"name":"t2","role":"viewer","expiresAt":"2020-01-01T00:00:00Z"}""", "not in the future")]
    [InlineData("""{"name":"t3","role":"viewer","expiresAt":"2099-01-01T00:00:00Z"}""", "at most 731 days ahead")]
    [InlineData("""{"name":"T 4","role":"viewer","expiresAt":"2099-01-01T00:00:00Z"}""", "name must be")]
    public async Task A_token_that_breaks_a_rule_is_refused_naming_it(string body, string expected)
    {
        using var response = await Host.Http.PostAsync("/api/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_audit_log_names_who_what_when_and_where_for_a_write_and_a_failed_sign_in()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var viewer = await Host.SignInAsAsync(Roles.Viewer);
        var viewerName = (await viewer.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("userName").GetString()!;
        using var refused = await viewer.PutAsJsonAsync("/api/devices/audit-dev-1/config", new { version = 1, reportIntervalSeconds = 60 });
        using var failed = await Host.Anonymous.PostAsJsonAsync("/api/session", new { userName = "audit-intruder", password = "guessed-password" });

        var write = Assert.Single(await AuditAsync($"?user={viewerName}&from={Uri.EscapeDataString(before.ToString("O"))}"), e => e.GetProperty("method").GetString() == "PUT");
        var login = Assert.Single(await AuditAsync("?user=audit-intruder"));

        Assert.Equal(viewerName, write.GetProperty("actor").GetString());
        Assert.Equal("viewer", write.GetProperty("role").GetString());
        Assert.Equal("/api/devices/{id}/config", write.GetProperty("route").GetString());
        Assert.Equal("audit-dev-1", write.GetProperty("routeValues").GetProperty("id").GetString());
        Assert.Equal(403, write.GetProperty("status").GetInt32());
        Assert.Equal("127.0.0.1", write.GetProperty("address").GetString());
        Assert.InRange(write.GetProperty("at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(("POST", "/api/session", 401), (login.GetProperty("method").GetString(), login.GetProperty("route").GetString(), login.GetProperty("status").GetInt32()));
        Assert.Equal("127.0.0.1", login.GetProperty("address").GetString());
    }

    [Theory]
    [InlineData("?count=0", "count")]
    [InlineData("?count=1000000", "count")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "must be before")]
    [InlineData("?colour=red", "unknown parameter 'colour'")]
    [InlineData("?user=a&user=b", "user is given more than once")]
    public async Task An_absurd_audit_parameter_is_refused_naming_it(string query, string expected)
    {
        using var response = await Host.Http.GetAsync("/api/audit" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_an_administrator_reads_the_audit_log_and_manages_users_and_tokens()
    {
        using var operatorClient = await Host.SignInAsAsync(Roles.Operator);
        using var technician = await Host.SignInAsAsync(Roles.Technician, "haidian");

        foreach (var path in new[] { "/api/audit", "/api/users", "/api/tokens" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await technician.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync(path)).StatusCode);
        }
    }

    private async Task<List<JsonElement>> AuditAsync(string query) =>
        [.. (await Host.Http.GetFromJsonAsync<JsonElement>("/api/audit" + query)).EnumerateArray()];

    private HttpClient Bearer(string secret)
    {
        var client = Host.NewClient(new CookieContainer());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
