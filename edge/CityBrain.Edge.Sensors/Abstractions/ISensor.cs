using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sensors.Abstractions;

/// <summary>One physical sensor as the gateway's sampler sees it: identify it once, then read it at its own interval.
/// Drivers throw <see cref="SensorException"/> subclasses for every failure, so the sampler can count and flag them
/// without knowing the chip.</summary>
public interface ISensor : IDisposable
{
    /// <summary>Stable name used in readings and health, e.g. <c>bme280@1:0x76</c> or <c>pms5003@ttyAMA0</c>.</summary>
    string Name { get; }

    /// <summary>The chip, e.g. <c>BME280</c>.</summary>
    string Model { get; }

    IReadOnlyList<Quantity> Quantities { get; }

    /// <summary>Checks that the chip answers and is the expected one; returns its chip id or serial number.</summary>
    ValueTask<SensorIdentity> IdentifyAsync(CancellationToken cancellationToken);

    /// <summary>One measurement of every quantity. Never hangs: every wait inside has a timeout.</summary>
    ValueTask<IReadOnlyList<SensorSample>> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>What a probe or identify learns about a chip.</summary>
public sealed record SensorIdentity(string Model, string? ChipId = null, string? SerialNumber = null);

/// <summary>One value of one quantity from one measurement. <see cref="Quality"/> is not <see cref="Quality.Ok"/>
/// when the driver itself knows better (warm-up, pre-heat, value at the edge of the chip's range).</summary>
public readonly record struct SensorSample(Quantity Quantity, double Value, Quality Quality = Quality.Ok, string? Reason = null);
