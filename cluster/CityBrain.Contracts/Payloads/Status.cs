namespace CityBrain.Contracts.Payloads;

public enum DeviceState
{
    Online,
    Offline,
}

/// <summary>Retained on <c>…/status</c>: the birth message says online, the broker publishes the last will (offline)
/// when the gateway vanishes without saying goodbye.</summary>
public sealed record Status(int Version, string DeviceId, DeviceState State, DateTimeOffset? Timestamp = null);
