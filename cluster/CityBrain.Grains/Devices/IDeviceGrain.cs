namespace CityBrain.Grains.Devices;

/// <summary>One gateway, keyed by device id. Registers itself on its first message.</summary>
[Alias("citybrain.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Journals a report and applies it, unless its (device, sequence) was accepted before: at-least-once
    /// delivery makes duplicates normal; this makes them harmless. Completes once the journal committed it.</summary>
    [Alias("Record")]
    Task<RecordOutcome> Record(TelemetryBatch batch);

    [Alias("SetStatus")]
    Task SetStatus(string districtId, bool online, DateTimeOffset at);

    /// <param name="receivedAt">When the cluster received it: "last seen" follows the cluster's clock, not the gateway's.</param>
    [Alias("SetHealth")]
    Task SetHealth(string districtId, DeviceHealth health, DateTimeOffset receivedAt);

    /// <summary>Activates the grain, which applies whatever the journal holds that its saved state does not: after a
    /// crash, a device that stays silent must still count what was acknowledged to it.</summary>
    [Alias("CatchUp")]
    Task CatchUp();

    /// <summary>Null for a device that never reported.</summary>
    [Alias("GetSnapshot")]
    Task<DeviceSnapshot?> GetSnapshot();
}
