namespace CityBrain.Grains.Devices;

/// <summary>One gateway, keyed by device id. Registers itself on its first message.</summary>
[Alias("citybrain.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Takes a report unless its sequence number was already accepted (at-least-once delivery makes
    /// duplicates normal; this makes them harmless).</summary>
    [Alias("Record")]
    Task<RecordOutcome> Record(TelemetryBatch batch);

    [Alias("SetStatus")]
    Task SetStatus(string districtId, bool online, DateTimeOffset at);

    /// <param name="receivedAt">When the cluster received it: "last seen" follows the cluster's clock, not the gateway's.</param>
    [Alias("SetHealth")]
    Task SetHealth(string districtId, DeviceHealth health, DateTimeOffset receivedAt);

    /// <summary>Null for a device that never reported.</summary>
    [Alias("GetSnapshot")]
    Task<DeviceSnapshot?> GetSnapshot();
}
