namespace CityBrain.Edge.Sensors.Sps30;

/// <summary>The SPS30's operations as one link (I2C or UART) carries them out: the driver's logic is the same on both,
/// only the bytes differ.</summary>
internal interface ISps30Link : IDisposable
{
    /// <summary>Starts measuring with float output; the chip refuses while already measuring.</summary>
    ValueTask StartMeasurementAsync(CancellationToken cancellationToken);

    /// <summary>Stops measuring; a chip already idle takes it as done.</summary>
    ValueTask StopMeasurementAsync(CancellationToken cancellationToken);

    /// <summary>The new measurement, or null when the chip has none since the last read.</summary>
    ValueTask<Sps30Measurement?> TryReadMeasurementAsync(CancellationToken cancellationToken);

    /// <summary>The product type as text, null when the answer is not text at all.</summary>
    ValueTask<string?> ReadProductTypeAsync(CancellationToken cancellationToken);

    ValueTask<string?> ReadSerialNumberAsync(CancellationToken cancellationToken);

    /// <summary>Firmware major and minor version.</summary>
    ValueTask<(byte Major, byte Minor)> ReadFirmwareVersionAsync(CancellationToken cancellationToken);

    ValueTask<uint> ReadStatusAsync(bool clear, CancellationToken cancellationToken);

    ValueTask<uint> ReadCleaningIntervalAsync(CancellationToken cancellationToken);

    ValueTask WriteCleaningIntervalAsync(uint seconds, CancellationToken cancellationToken);

    ValueTask StartFanCleaningAsync(CancellationToken cancellationToken);

    ValueTask SleepAsync(CancellationToken cancellationToken);

    ValueTask WakeUpAsync(CancellationToken cancellationToken);
}
