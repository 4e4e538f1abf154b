using System.Buffers.Binary;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Edge.Sensors.Transport;
using static CityBrain.Edge.Sensors.Sps30.Sps30Commands;

namespace CityBrain.Edge.Sensors.Sps30;

/// <summary>The SPS30 on its UART (SEL pin floating, 115200 8N1): SHDLC frames, each command answered with a state.</summary>
internal sealed class Sps30UartLink(UartChannel uart, TimeProvider time, string sensor) : ISps30Link
{
    private readonly ShdlcChannel _chip = new(uart, sensor);

    public async ValueTask StartMeasurementAsync(CancellationToken cancellationToken)
    {
        await QueryAsync(OverUart.StartMeasurement, [0x01, FloatFormat], cancellationToken).ConfigureAwait(false);
        await Polling.DelayAsync(time, ModeChangeTime, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask StopMeasurementAsync(CancellationToken cancellationToken)
    {
        await QueryAsync(OverUart.StopMeasurement, [], cancellationToken, ShdlcChannel.NotAllowedInCurrentState).ConfigureAwait(false);
        await Polling.DelayAsync(time, ModeChangeTime, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Sps30Measurement?> TryReadMeasurementAsync(CancellationToken cancellationToken)
    {
        var data = await QueryAsync(OverUart.ReadMeasuredValues, [], cancellationToken).ConfigureAwait(false);
        return data.Length == 0 ? null
            : data.Length == 2 * Sps30Measurement.Words ? Sps30Measurement.FromBytes(data)
            : throw new Abstractions.SensorRangeException(sensor, $"a measurement of {data.Length} bytes, not {2 * Sps30Measurement.Words}: is the output format float?");
    }

    public ValueTask<string?> ReadProductTypeAsync(CancellationToken cancellationToken) => ReadInformationAsync(OverUart.ProductTypeInfo, cancellationToken);

    public ValueTask<string?> ReadSerialNumberAsync(CancellationToken cancellationToken) => ReadInformationAsync(OverUart.SerialNumberInfo, cancellationToken);

    public async ValueTask<(byte Major, byte Minor)> ReadFirmwareVersionAsync(CancellationToken cancellationToken)
    {
        var version = await QueryAsync(OverUart.ReadVersion, [], cancellationToken).ConfigureAwait(false);
        return version.Length >= 2 ? (version[0], version[1])
            : throw new Abstractions.SensorRangeException(sensor, $"a version of {version.Length} bytes ({Convert.ToHexString(version)})");
    }

    public async ValueTask<uint> ReadStatusAsync(bool clear, CancellationToken cancellationToken)
    {
        var data = await QueryAsync(OverUart.ReadStatusRegister, [clear ? (byte)1 : (byte)0], cancellationToken).ConfigureAwait(false);
        return data.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(data)
            : throw new Abstractions.SensorRangeException(sensor, $"a status register of {data.Length} bytes ({Convert.ToHexString(data)})");
    }

    public async ValueTask<uint> ReadCleaningIntervalAsync(CancellationToken cancellationToken)
    {
        var data = await QueryAsync(OverUart.AutoCleaningInterval, [0x00], cancellationToken).ConfigureAwait(false);
        return data.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(data)
            : throw new Abstractions.SensorRangeException(sensor, $"a cleaning interval of {data.Length} bytes ({Convert.ToHexString(data)})");
    }

    public async ValueTask WriteCleaningIntervalAsync(uint seconds, CancellationToken cancellationToken)
    {
        var data = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(1), seconds);
        await QueryAsync(OverUart.AutoCleaningInterval, data, cancellationToken).ConfigureAwait(false);
        await Polling.DelayAsync(time, ModeChangeTime, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask StartFanCleaningAsync(CancellationToken cancellationToken) =>
        await QueryAsync(OverUart.StartFanCleaning, [], cancellationToken).ConfigureAwait(false);

    public async ValueTask SleepAsync(CancellationToken cancellationToken) =>
        await QueryAsync(OverUart.Sleep, [], cancellationToken).ConfigureAwait(false);

    /// <summary>A sleeping chip's UART is off: a 0xFF byte switches it on, and the wake-up frame within 100 ms wakes
    /// the chip.</summary>
    public async ValueTask WakeUpAsync(CancellationToken cancellationToken)
    {
        await uart.SendAsync(new[] { OverUart.WakePulse }, OverUart.AnswerTimeout, cancellationToken).ConfigureAwait(false);
        await QueryAsync(OverUart.WakeUp, [], cancellationToken).ConfigureAwait(false);
        await Polling.DelayAsync(time, ShortCommandTime, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => uart.Dispose();

    /// <summary>NUL-ended ASCII, as the I2C link's words carry it.</summary>
    private async ValueTask<string?> ReadInformationAsync(byte what, CancellationToken cancellationToken)
    {
        var data = await QueryAsync(OverUart.DeviceInformation, [what], cancellationToken).ConfigureAwait(false);
        return SensirionWords.TextFromBytes(data);
    }

    private ValueTask<byte[]> QueryAsync(byte command, byte[] data, CancellationToken cancellationToken, byte? accepted = null) =>
        _chip.QueryAsync(command, data, OverUart.AnswerTimeout, cancellationToken, accepted);
}
