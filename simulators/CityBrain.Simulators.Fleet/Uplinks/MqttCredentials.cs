using CityBrain.Contracts.Security;

namespace CityBrain.Simulators.Fleet.Uplinks;

public sealed record MqttCredentials(string UserName, string Password)
{
    /// <summary>Keeps passwords out of logs and summaries.</summary>
    public override string ToString() => $"{UserName} (password hidden)";
}

/// <summary>The user name and password each simulated gateway connects with.</summary>
public interface IGatewayCredentials
{
    MqttCredentials For(string deviceId);
}

/// <summary>User name = device id, password = HMAC-SHA256(fleet secret, device id) in base64url
/// (<see cref="DerivedPassword"/>): a broker that knows the fleet secret accepts ten thousand simulated gateways without a
/// provisioning step, while each still has its own password and may publish only under its own topic.</summary>
public sealed class DerivedGatewayCredentials : IGatewayCredentials
{
    private readonly string _fleetSecret;

    public DerivedGatewayCredentials(string fleetSecret)
    {
        if (string.IsNullOrEmpty(fleetSecret)) throw new ArgumentException("the fleet secret is empty; the broker must know it to accept simulated gateways", nameof(fleetSecret));
        _fleetSecret = fleetSecret;
    }

    public MqttCredentials For(string deviceId) => new(deviceId, DerivedPassword.For(_fleetSecret, deviceId));
}
