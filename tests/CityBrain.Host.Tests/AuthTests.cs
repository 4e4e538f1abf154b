using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Security;
using CityBrain.Testing;
using Microsoft.AspNetCore.Routing;

namespace CityBrain.Host.Tests;

/// <summary>Sign-in, roles and the policies of every endpoint, against the real host over loopback.</summary>
public sealed partial class AuthTests
{
    private static StringContent Config() => new("""{"version":1,"reportIntervalSeconds":30}""", Encoding.UTF8, "application/json");

    /// <summary>Every session endpoint a signed-in caller of any role may use on their own session.</summary>
    private static readonly HashSet<string> OwnSession = ["POST /api/session", "DELETE /api/session", "PUT /api/session/password"];

    [Fact]
    public async Task Every_endpoint_that_changes_something_refuses_anonymous_and_viewer_callers_and_every_api_read_refuses_anonymous_ones()
    {
        await using var host = await RunningHost.StartAsync();
        using var viewer = await host.SignInAsAsync(Roles.Viewer);
        var endpoints = Endpoints(host);
        var writes = endpoints.Where(e => e.Method is not ("GET" or "HEAD")).ToList();
        // The open-data interfaces decide per dataset who reads (OpenData:Access); their own tests hold that.
        var reads = endpoints.Where(e => e.Method == "GET" && e.Path.StartsWith("/api/", StringComparison.Ordinal)
            && !HttpProtection.OpenDataPaths.Any(open => e.Path.StartsWith(open, StringComparison.Ordinal))).ToList();
        // The lists come from the running app, so these show the test saw the endpoints it must.
        Assert.Contains(writes, e => e.Key == "PUT /api/devices/{id}/config");
        Assert.Contains(reads, e => e.Key == "GET /api/regions/{id}");

        var failures = new List<string>();
        foreach (var e in writes.Where(e => e.Key != "POST /api/session"))
        {
            Expect(failures, e, "anonymous", HttpStatusCode.Unauthorized, await SendAsync(host.Anonymous, e));
        }
        foreach (var e in writes.Where(e => !OwnSession.Contains(e.Key)))
        {
            Expect(failures, e, "viewer", HttpStatusCode.Forbidden, await SendAsync(viewer, e));
        }
        foreach (var e in reads) Expect(failures, e, "anonymous", HttpStatusCode.Unauthorized, await SendAsync(host.Anonymous, e));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Anonymous_viewing_lets_anonymous_callers_read_but_never_change_anything()
    {
        await using var host = await RunningHost.StartAsync(null, "--Auth:AnonymousViewing=true");
        var writes = Endpoints(host).Where(e => e.Method is not ("GET" or "HEAD") && e.Key != "POST /api/session").ToList();
        Assert.Contains(writes, e => e.Key == "PUT /api/devices/{id}/config");

        var failures = new List<string>();
        foreach (var e in writes) Expect(failures, e, "anonymous", HttpStatusCode.Unauthorized, await SendAsync(host.Anonymous, e));
        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/api/regions/demo-city")).StatusCode);
        var session = await host.Anonymous.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal("""{"userName":null,"role":"viewer","districts":[],"anonymous":true}""", session.GetRawText());
    }

    [Fact]
    public async Task An_operator_changes_a_devices_configuration_and_a_viewer_may_not()
    {
        await using var host = await RunningHost.StartAsync();
        await using (var device = await host.ConnectDeviceAsync("pinggu", "auth-cfg-1"))
        {
            await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Co2, 500));
        }
        using var operatorClient = await host.SignInAsAsync(Roles.Operator);
        using var viewer = await host.SignInAsAsync(Roles.Viewer);

        using var refused = await viewer.PutAsync("/api/devices/auth-cfg-1/config", Config());
        using var accepted = await operatorClient.PutAsync("/api/devices/auth-cfg-1/config", Config());
        using var anonymous = await host.Anonymous.PutAsync("/api/devices/auth-cfg-1/config", Config());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("viewer", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_person_signs_in_with_a_cookie_sees_the_session_and_signs_out()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.NewClient(new CookieContainer());

        using var before = await client.GetAsync("/api/session");
        using var wrong = await client.PostAsJsonAsync("/api/session", new { userName = TestAdmin.UserName, password = "not-the-password" });
        using var unknown = await client.PostAsJsonAsync("/api/session", new { userName = "nobody", password = "not-the-password" });
        using var signIn = await client.PostAsJsonAsync("/api/session", new { userName = TestAdmin.UserName, password = TestAdmin.Password });
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        using var read = await client.GetAsync("/api/regions/demo-city");
        using var signOut = await client.DeleteAsync("/api/session");
        using var after = await client.GetAsync("/api/regions/demo-city");

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, unknown.StatusCode));
        Assert.Equal(await DetailAsync(wrong), await DetailAsync(unknown));
        Assert.Equal("""{"userName":"admin","role":"administrator","districts":[],"anonymous":false}""", await signIn.Content.ReadAsStringAsync());
        Assert.StartsWith(AuthSchemes.CookieName + "=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("""{"userName":"admin","role":"administrator","districts":[],"anonymous":false}""", session.GetRawText());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_technician_session_names_its_districts()
    {
        await using var host = await RunningHost.StartAsync();
        using var technician = await host.SignInAsAsync(Roles.Technician, "haidian", "chaoyang");

        var session = await technician.GetFromJsonAsync<JsonElement>("/api/session");

        Assert.Equal("technician", session.GetProperty("role").GetString());
        Assert.Equal(["haidian", "chaoyang"], session.GetProperty("districts").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_are_answered_429_with_retry_after_even_with_the_right_password()
    {
        await using var host = await RunningHost.StartAsync(null, "--Auth:FailedLoginsBeforeDelay=3", "--Auth:LoginDelay=00:01:00");
        using var client = host.NewClient(new CookieContainer());

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/session", new { userName = TestAdmin.UserName, password = "wrong-password" });
            answers.Add(failed.StatusCode);
        }
        using var limited = await client.PostAsJsonAsync("/api/session", new { userName = TestAdmin.UserName, password = TestAdmin.Password });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_orleans_dashboard_needs_the_administrator_role()
    {
        await using var host = await RunningHost.StartAsync();
        using var viewer = await host.SignInAsAsync(Roles.Viewer);
        using var operatorClient = await host.SignInAsAsync(Roles.Operator);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task The_page_and_healthz_load_without_signing_in()
    {
        await using var host = await RunningHost.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/districts/haidian")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_session_survives_a_restart_of_the_host()
    {
        var host = await RunningHost.StartAsync();
        var jar = new CookieContainer();
        using (var client = host.NewClient(jar)) await TestAdmin.SignInAsync(client);
        await using var restarted = await host.RestartAsync();
        using var again = restarted.NewClient(jar);

        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/regions/demo-city")).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_first_start_creates_the_administrator_once_and_its_password_file_goes_when_the_password_changes()
    {
        var data = Directory.CreateTempSubdirectory("citybrain-first-start-").FullName;
        var file = Path.Combine(data, AuthFirstAdministrator.PasswordFileName);
        var host = await RunningHost.StartAsync(data, RunningHost.GeneratedAdminPassword);
        var password = (await File.ReadAllTextAsync(file)).Trim();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        await using var restarted = await host.RestartAsync();
        // A second start neither creates another administrator nor a new password.
        Assert.Equal(password, (await File.ReadAllTextAsync(file)).Trim());
        Assert.Single(await restarted.Service<Storage.Accounts.IUserStore>().ListAsync());
        using var client = restarted.NewClient(new CookieContainer());
        await TestAdmin.SignInAsync(client, "admin", password);
        using var tooShort = await client.PutAsJsonAsync("/api/session/password", new { currentPassword = password, newPassword = "short" });
        Assert.True(File.Exists(file));
        using var changed = await client.PutAsJsonAsync("/api/session/password", new { currentPassword = password, newPassword = "a much longer password" });

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("newPassword must be at least 12 characters", await tooShort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.False(File.Exists(file));
        // The session that changed the password goes on; the old password no longer signs in.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/regions/demo-city")).StatusCode);
        using var old = await restarted.Anonymous.PostAsJsonAsync("/api/session", new { userName = "admin", password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await TestAdmin.SignInAsync(restarted.Anonymous, "admin", "a much longer password");
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();

    private static void Expect(List<string> failures, Route e, string who, HttpStatusCode expected, HttpStatusCode actual)
    {
        if (actual != expected) failures.Add($"{e.Method} {e.Path} ({e.Key}) as {who}: {(int)actual}, expected {(int)expected}");
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, Route e)
    {
        using var request = new HttpRequestMessage(new HttpMethod(e.Method), e.Path);
        if (e.Method is not ("GET" or "HEAD" or "DELETE")) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    /// <summary>Every route of the running app with its methods, parameters filled with a sample value.</summary>
    private static List<Route> Endpoints(RunningHost host) =>
    [
        .. ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
            {
                var pattern = "/" + (e.RoutePattern.RawText ?? "").Trim('/');
                return new Route(m, pattern, "/" + Parameter().Replace(pattern, "x").TrimStart('/'));
            }))
            .Distinct(),
    ];

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();

    private sealed record Route(string Method, string Pattern, string Path)
    {
        public string Key => $"{Method} {Pattern}";
    }
}
