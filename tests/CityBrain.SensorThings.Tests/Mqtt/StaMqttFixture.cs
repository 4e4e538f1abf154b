using System.Net.Http.Json;
using System.Text.Json;
using CityBrain.Testing;

namespace CityBrain.SensorThings.Tests.Mqtt;

/// <summary>One host for the MQTT extension's tests, and a viewer's API token made through the token API as an
/// administrator would make it for a department. Each test uses its own device ids.</summary>
public sealed class StaMqttFixture : IAsyncLifetime
{
    public RunningHost Host { get; private set; } = null!;

    public string ViewerToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await RunningHost.StartAsync();
        ViewerToken = await CreateTokenAsync("transport-bureau", "viewer");
    }

    /// <summary>A new token's secret and id.</summary>
    public async Task<string> CreateTokenAsync(string name, string role) => (await CreateTokenWithIdAsync(name, role)).Secret;

    public async Task<(string Secret, string Id)> CreateTokenWithIdAsync(string name, string role)
    {
        using var created = await Host.Http.PostAsJsonAsync("/api/tokens", new { name, role, expiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("secret").GetString()!, body.GetProperty("token").GetProperty("id").GetString()!);
    }

    /// <summary>A reader signed in with <paramref name="token"/>, its client id one no device can have.</summary>
    public async Task<MqttReader> ReaderAsync(string token, string clientId)
    {
        var reader = new MqttReader();
        var connected = await reader.ConnectAsync(Host.MqttPort, clientId, "token", token);
        if (connected.ResultCode != MQTTnet.MqttClientConnectResultCode.Success)
        {
            await reader.DisposeAsync();
            throw new InvalidOperationException($"reader {clientId} could not connect: {connected.ResultCode} {connected.ReasonString}");
        }
        return reader;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
