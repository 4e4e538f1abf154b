using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CityBrain.Ingest.Broker;
using CityBrain.OpenData.Access;
using CityBrain.SensorThings.Model;
using CityBrain.Storage.Accounts;

namespace CityBrain.SensorThings.Mqtt;

/// <summary>Who may read the MQTT extension, by the same decision as the HTTP API (<see cref="IOpenDataAccess"/>): a
/// reader signs in with user name <see cref="StaMqttOptions.TokenUserName"/> and an API token as password; without any
/// user name only where devices' raw data is public. A topic is granted when the reader may read the dataset its
/// Datastream belongs to.</summary>
public sealed class StaMqttReaders(IApiTokenStore tokens, IOpenDataAccess access, TimeProvider time) : IMqttReaders
{
    /// <summary>Only devices' raw Datastreams are published (and wildcards match only those).</summary>
    private const OpenDataset Published = OpenDataset.DeviceRaw;

    // The HTTP side refuses longer Authorization headers too: nothing longer can be a token.
    private const int MaxTokenLength = 512;

    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public bool IsReaderLogin(string? userName) =>
        userName == StaMqttOptions.TokenUserName || (string.IsNullOrEmpty(userName) && access.MayRead(Anonymous, Published));

    public async Task<ClaimsPrincipal?> AuthenticateAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (userName != StaMqttOptions.TokenUserName) return IsReaderLogin(userName) ? Anonymous : null;
        if (string.IsNullOrEmpty(password) || password.Length > MaxTokenLength) return null;
        // The stored form the host's token API keeps: a plain SHA-256 of the secret (AuthTokens.Hash).
        var token = await tokens.FindAsync(SHA256.HashData(Encoding.UTF8.GetBytes(password)), cancellationToken);
        if (token is null || token.RevokedAt is not null || time.GetUtcNow() >= token.ExpiresAt) return null;
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, token.Name), new Claim(ClaimTypes.Role, token.Role)], "mqtt-token", ClaimTypes.Name, ClaimTypes.Role));
    }

    public string? SubscribeRefusal(ClaimsPrincipal reader, string filter)
    {
        if (!StaTopics.TryParseFilter(filter, out var datastream, out var problem)) return problem;
        if (datastream is { Scope: not Indicators.History.HistoryScope.Device } or { IsRaw: false })
        {
            return $"{filter} is not published live: only devices' raw Datastreams (device:{{id}}:{{quantity}}) are; read it over the HTTP API";
        }
        return access.MayRead(reader, Published)
            ? null
            : $"{access.Refusal(Published)} (over MQTT: user name '{StaMqttOptions.TokenUserName}', the API token as password)";
    }
}
