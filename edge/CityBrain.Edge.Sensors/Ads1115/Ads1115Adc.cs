using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Edge.Sensors.Transport;
using static CityBrain.Edge.Sensors.Ads1115.Ads1115Registers;

namespace CityBrain.Edge.Sensors.Ads1115;

/// <summary>A TI ADS1115 16-bit ADC on I2C, in single-shot mode: write the config with OS set, wait one conversion,
/// poll OS until the conversion is done, read the conversion register. Several sensors may share one chip (a sound
/// meter on AIN0, a gas cell on AIN2/AIN3): they pass the same gate, so conversions never overlap.</summary>
public sealed class Ads1115Adc(I2cChannel i2c, TimeProvider time, string sensor, SemaphoreSlim? sharedGate = null) : IDisposable
{
    public static readonly IReadOnlyList<int> Addresses = [0x48, 0x49, 0x4A, 0x4B];

    private readonly SemaphoreSlim _gate = sharedGate ?? new SemaphoreSlim(1, 1);

    public string Location => i2c.Location;

    public async ValueTask<double> ReadVoltsAsync(Ads1115Input input, Ads1115Range range, Ads1115Rate rate, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Write(Config, SingleShot(input, range, rate));
            var conversion = ConversionTime(rate);
            // dotnet/iot gives up after 10 ms, less than one conversion below 128 SPS; this waits two and a margin.
            var timeout = conversion * 2 + TimeSpan.FromMilliseconds(2);
            if (!await Polling.UntilAsync(time, conversion, TimeSpan.FromMilliseconds(1), timeout,
                    () => (Read(Config) & OperationalStatus) != 0, cancellationToken).ConfigureAwait(false))
            {
                throw new SensorTimeoutException(sensor, $"the ADS1115 at {i2c.Location} was still converting {input} {timeout.TotalMilliseconds:F1} ms after the start");
            }
            return Volts((short)Read(Conversion), range);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks that the chip is an ADS1115: its threshold registers hold their reset values (the driver never
    /// writes them); returns its config register.</summary>
    public ushort Identify()
    {
        var low = Read(LowThreshold);
        var high = Read(HighThreshold);
        if (low != LowThresholdAfterReset || high != HighThresholdAfterReset)
        {
            throw new SensorIdentityException(sensor, $"the chip at {i2c.Location} has thresholds 0x{low:X4}/0x{high:X4}, not an ADS1115's 0x8000/0x7FFF");
        }
        return Read(Config);
    }

    public void Dispose() => i2c.Dispose();

    private void Write(byte register, ushort value) => i2c.Write([register, (byte)(value >> 8), (byte)value]);

    private ushort Read(byte register)
    {
        Span<byte> data = stackalloc byte[2];
        i2c.ReadRegisters(register, data);
        return (ushort)(data[0] << 8 | data[1]);
    }
}
