using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using CityBrain.Host.Security;
using CityBrain.Storage.Accounts;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>Sessions on a cluster, and who may act on which district.</summary>
public sealed class AuthAcrossNodesTests
{
    [Fact]
    public async Task A_session_cookie_issued_by_one_silo_is_accepted_by_another_on_the_same_store()
    {
        await using var cluster = await LocalCluster.StartAsync(2);
        var (first, second) = (cluster.Silos[0], cluster.Silos[1]);
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { Timeout = TimeSpan.FromSeconds(30) };

        using var signIn = await client.PostAsJsonAsync($"http://127.0.0.1:{first.HttpPort}/api/session",
            new { userName = TestAdmin.UserName, password = TestAdmin.Password });
        using var elsewhere = await client.GetAsync($"http://127.0.0.1:{second.HttpPort}/api/session");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Contains("\"userName\":\"admin\"", await elsewhere.Content.ReadAsStringAsync());
        foreach (var silo in cluster.Silos) silo.DeleteDataOnDispose = true;
    }

    [Fact]
    public void An_administrator_acts_on_any_district_a_technician_on_their_own_and_nobody_else_on_any()
    {
        var now = DateTimeOffset.UtcNow;
        ClaimsPrincipal Of(string role, params string[] districts) =>
            AuthClaims.ForToken(new ApiToken("id", "t", role, districts, now, now.AddDays(1), null), AuthSchemes.Bearer);

        Assert.True(Of(Roles.Administrator).MayActOnDistrict("haidian"));
        Assert.True(Of(Roles.Technician, "haidian").MayActOnDistrict("haidian"));
        Assert.False(Of(Roles.Technician, "haidian").MayActOnDistrict("chaoyang"));
        Assert.False(Of(Roles.Operator).MayActOnDistrict("haidian"));
        Assert.False(new ClaimsPrincipal(new ClaimsIdentity()).MayActOnDistrict("haidian"));
    }
}
