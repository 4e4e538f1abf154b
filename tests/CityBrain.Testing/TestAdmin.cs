using System.Net.Http.Json;
using CityBrain.Host.Security;
using CityBrain.Storage.Accounts;

namespace CityBrain.Testing;

/// <summary>The first administrator of a test host: its password is supplied by file (<c>Auth:InitialAdminPasswordFile</c>),
/// as an automated install would, and test clients sign in with it through the API like the cockpit; in-process hosts
/// also get an API token straight from the store.</summary>
public static class TestAdmin
{
    public const string UserName = "admin";
    public const string Password = "test-admin-password";

    /// <summary>Writes the password file next to the data directory's files and returns its path.</summary>
    public static string WriteFile(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "test-admin-password.txt");
        File.WriteAllText(path, Password);
        return path;
    }

    /// <summary>Signs <paramref name="client"/> in (its handler keeps the cookie).</summary>
    public static Task SignInAsync(HttpClient client) => SignInAsync(client, UserName, Password);

    public static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/session", new { userName, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"signing in as {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A token valid for a day, stored as <c>POST /api/tokens</c> stores one; returns its secret.</summary>
    public static async Task<string> CreateTokenAsync(IApiTokenStore tokens, string name, string role, params string[] districts)
    {
        var secret = AuthTokens.NewSecret();
        var now = DateTimeOffset.UtcNow;
        await tokens.AddAsync(new ApiToken(AuthTokens.NewId(), name, role, districts, now, now.AddDays(1), null), AuthTokens.Hash(secret));
        return secret;
    }
}
