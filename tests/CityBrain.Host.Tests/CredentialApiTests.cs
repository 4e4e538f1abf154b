using System.Net;
using System.Net.Http.Json;
using CityBrain.Host.Api;
using CityBrain.Host.Security;
using CityBrain.Storage.Accounts;
using CityBrain.Storage.Credentials;
using CityBrain.Testing;
using MQTTnet;

namespace CityBrain.Host.Tests;

/// <summary>Device credentials over HTTP with real sign-ins: a technician manages the devices of their districts only,
/// an administrator every device; the password is in one answer and nowhere else.</summary>
public sealed class CredentialApiTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_technician_adds_a_device_of_their_district_and_it_connects_with_the_password_answered_once()
    {
        using var technician = await _host.SignInAsAsync(Roles.Technician, "haidian");

        using var response = await technician.PostAsJsonAsync("/api/credentials", new NewCredential("api-1", "haidian"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var issued = (await response.Content.ReadFromJsonAsync<IssuedCredential>())!;
        Assert.Equal(("api-1", "haidian"), (issued.DeviceId, issued.District));
        await using var device = _host.Device("haidian", "api-1");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(issued.Password)).ResultCode);
        var listed = await technician.GetFromJsonAsync<List<CredentialSummary>>("/api/credentials");
        Assert.Equal("api-1", Assert.Single(listed!).DeviceId);
    }

    [Fact]
    public async Task A_technician_cannot_touch_or_see_devices_of_another_district()
    {
        await AddAsync(_host.Http, "api-other", "chaoyang");
        using var technician = await _host.SignInAsAsync(Roles.Technician, "haidian");

        Assert.Equal(HttpStatusCode.Forbidden, (await technician.PostAsJsonAsync("/api/credentials", new NewCredential("api-2", "chaoyang"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.PostAsync("/api/credentials/api-other/rotate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.DeleteAsync("/api/credentials/api-other")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.GetAsync("/api/credentials?district=chaoyang")).StatusCode);
        Assert.Empty((await technician.GetFromJsonAsync<List<CredentialSummary>>("/api/credentials"))!);
        Assert.NotNull(await _host.Service<ICredentialStore>().FindAsync("api-other"));
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    public async Task Roles_without_provisioning_are_refused(string role)
    {
        using var client = await _host.SignInAsAsync(role, "haidian");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/credentials", new NewCredential("api-3", "haidian"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous.GetAsync("/api/credentials")).StatusCode);
    }

    [Fact]
    public async Task Rotating_disconnects_the_device_at_once_and_only_the_new_password_works()
    {
        var old = await AddAsync(_host.Http, "api-rot", "haidian");
        await using var device = _host.Device("haidian", "api-rot");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(old)).ResultCode);
        using var technician = await _host.SignInAsAsync(Roles.Technician, "haidian");

        using var response = await technician.PostAsync("/api/credentials/api-rot/rotate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = (await response.Content.ReadFromJsonAsync<IssuedCredential>())!.Password;
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, (await device.Disconnected.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
        await using (var withOld = _host.Device("haidian", "api-rot"))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await withOld.ConnectAsync(old)).ResultCode);
        }
        await using var withNew = _host.Device("haidian", "api-rot");
        Assert.Equal(MqttClientConnectResultCode.Success, (await withNew.ConnectAsync(fresh)).ResultCode);
        var audit = await _host.Service<IAuditLog>().QueryAsync(new AuditQuery(null, null, null, 100));
        Assert.Contains(audit, e => e.Route == "/api/credentials/{device}/rotate" && e.Status == 200);
        Assert.DoesNotContain(audit, e => $"{e.Route} {e.RouteValues} {e.Actor}".Contains(fresh, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revoking_disconnects_the_device_and_a_second_revocation_finds_nothing()
    {
        var password = await AddAsync(_host.Http, "api-rev", "haidian");
        await using var device = _host.Device("haidian", "api-rev");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(password)).ResultCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Http.DeleteAsync("/api/credentials/api-rev")).StatusCode);

        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, (await device.Disconnected.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.DeleteAsync("/api/credentials/api-rev")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.PostAsync("/api/credentials/api-rev/rotate", null)).StatusCode);
    }

    [Fact]
    public async Task Adding_over_a_live_credential_or_with_a_bad_id_or_district_is_refused_with_a_reason()
    {
        await AddAsync(_host.Http, "api-dup", "haidian");

        using var duplicate = await _host.Http.PostAsJsonAsync("/api/credentials", new NewCredential("api-dup", "haidian"));
        using var badId = await _host.Http.PostAsJsonAsync("/api/credentials", new NewCredential("Bad/Id", "haidian"));
        using var badDistrict = await _host.Http.PostAsJsonAsync("/api/credentials", new NewCredential("api-4", "atlantis"));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("rotate or revoke", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Contains("'Bad/Id'", await badId.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badDistrict.StatusCode);
        Assert.Contains("'atlantis'", await badDistrict.Content.ReadAsStringAsync());
    }

    private static async Task<string> AddAsync(HttpClient client, string deviceId, string district)
    {
        using var response = await client.PostAsJsonAsync("/api/credentials", new NewCredential(deviceId, district));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssuedCredential>())!.Password;
    }
}
