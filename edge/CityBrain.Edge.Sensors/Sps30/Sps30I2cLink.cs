using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Transport;
using static CityBrain.Edge.Sensors.Sps30.Sps30Commands;

namespace CityBrain.Edge.Sensors.Sps30;

/// <summary>The SPS30 on I2C (SEL pin to GND): 16-bit commands, answers of CRC-protected words.</summary>
internal sealed class Sps30I2cLink(I2cChannel i2c, TimeProvider time, string sensor) : ISps30Link
{
    private readonly SensirionChannel _chip = new(i2c, time, sensor);

    public ValueTask StartMeasurementAsync(CancellationToken cancellationToken) =>
        _chip.SendAsync(OverI2c.StartMeasurement, ModeChangeTime, cancellationToken, FloatFormat << 8);

    public ValueTask StopMeasurementAsync(CancellationToken cancellationToken) => _chip.SendAsync(OverI2c.StopMeasurement, ModeChangeTime, cancellationToken);

    public async ValueTask<Sps30Measurement?> TryReadMeasurementAsync(CancellationToken cancellationToken)
    {
        var ready = await _chip.QueryAsync(OverI2c.ReadDataReady, 1, ReadTime, cancellationToken).ConfigureAwait(false);
        if (ready[0] != 1) return null;
        var words = await _chip.QueryAsync(OverI2c.ReadMeasuredValues, OverI2c.MeasurementWords, ReadTime, cancellationToken).ConfigureAwait(false);
        return Sps30Measurement.FromWords(words);
    }

    public async ValueTask<string?> ReadProductTypeAsync(CancellationToken cancellationToken) =>
        SensirionWords.Text(await _chip.QueryAsync(OverI2c.ReadProductType, OverI2c.ProductTypeWords, ReadTime, cancellationToken).ConfigureAwait(false));

    public async ValueTask<string?> ReadSerialNumberAsync(CancellationToken cancellationToken) =>
        SensirionWords.Text(await _chip.QueryAsync(OverI2c.ReadSerialNumber, OverI2c.SerialNumberWords, ReadTime, cancellationToken).ConfigureAwait(false));

    public async ValueTask<(byte Major, byte Minor)> ReadFirmwareVersionAsync(CancellationToken cancellationToken)
    {
        var version = await _chip.QueryAsync(OverI2c.ReadVersion, 1, ReadTime, cancellationToken).ConfigureAwait(false);
        return ((byte)(version[0] >> 8), (byte)version[0]);
    }

    public async ValueTask<uint> ReadStatusAsync(bool clear, CancellationToken cancellationToken)
    {
        var words = await _chip.QueryAsync(OverI2c.ReadStatusRegister, 2, ReadTime, cancellationToken).ConfigureAwait(false);
        if (clear) await _chip.SendAsync(OverI2c.ClearStatusRegister, ShortCommandTime, cancellationToken).ConfigureAwait(false);
        return (uint)words[0] << 16 | words[1];
    }

    public async ValueTask<uint> ReadCleaningIntervalAsync(CancellationToken cancellationToken)
    {
        var words = await _chip.QueryAsync(OverI2c.AutoCleaningInterval, 2, ShortCommandTime, cancellationToken).ConfigureAwait(false);
        return (uint)words[0] << 16 | words[1];
    }

    public ValueTask WriteCleaningIntervalAsync(uint seconds, CancellationToken cancellationToken) =>
        _chip.SendAsync(OverI2c.AutoCleaningInterval, ModeChangeTime, cancellationToken, (ushort)(seconds >> 16), (ushort)seconds);

    public ValueTask StartFanCleaningAsync(CancellationToken cancellationToken) => _chip.SendAsync(OverI2c.StartFanCleaning, ShortCommandTime, cancellationToken);

    public ValueTask SleepAsync(CancellationToken cancellationToken) => _chip.SendAsync(OverI2c.Sleep, ShortCommandTime, cancellationToken);

    /// <summary>A sleeping chip's I2C interface is off: the first transfer only switches it on (and may not be
    /// acknowledged), the wake-up command sent again within 100 ms wakes the chip.</summary>
    public async ValueTask WakeUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            _chip.Send(OverI2c.WakeUp);
        }
        catch (SensorAbsentException)
        {
            // Expected of a sleeping chip: the refused transfer was the pulse that switched its interface on.
        }
        await _chip.SendAsync(OverI2c.WakeUp, ShortCommandTime, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => i2c.Dispose();
}
