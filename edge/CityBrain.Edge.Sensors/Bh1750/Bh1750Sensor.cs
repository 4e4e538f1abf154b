using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Edge.Sensors.Transport;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Bh1750;

/// <summary>ROHM BH1750FVI ambient light sensor on I2C: each opcode a separate write, the measurement time waited in
/// full (the chip has no ready flag and returns its previous result until done), the count converted with the
/// MTreg and mode-2 scaling.</summary>
public sealed class Bh1750Sensor : SensorDriver
{
    public const int DefaultAddress = 0x23;

    public static readonly IReadOnlyList<int> Addresses = [0x23, 0x5C];

    private readonly I2cChannel _i2c;
    private readonly Bh1750Settings _settings;
    private DateTimeOffset _firstContinuousResult;

    public Bh1750Sensor(I2cDevice device, string name, TimeProvider time, Bh1750Settings? settings = null, ILogger? logger = null)
        : this(new I2cChannel(device, name), name, time, settings ?? new Bh1750Settings(), logger)
    {
    }

    private Bh1750Sensor(I2cChannel i2c, string name, TimeProvider time, Bh1750Settings settings, ILogger? logger)
        : base(name, i2c, time, logger)
    {
        _i2c = i2c;
        _settings = settings;
    }

    public override string Model => "BH1750";

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Illuminance];

    private TimeSpan Wait => Bh1750Commands.MaxWait(_settings.Resolution, _settings.MeasurementTime);

    /// <summary>The chip has no id: it is there if it takes the power-on opcode and answers a read.</summary>
    protected override ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        Opcode(Bh1750Commands.PowerOn);
        _i2c.Read(stackalloc byte[2], "its data register");
        return ValueTask.FromResult(new SensorIdentity(Model));
    }

    protected override ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        Opcode(Bh1750Commands.PowerOn);
        Opcode(Bh1750Commands.Reset);
        var (high, low) = Bh1750Commands.MeasurementTime(_settings.MeasurementTime);
        Opcode(high);
        Opcode(low);
        if (_settings.Continuous)
        {
            Opcode(Bh1750Commands.Continuous(_settings.Resolution));
            _firstContinuousResult = Time.GetUtcNow() + Wait;
        }
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        if (_settings.Continuous)
        {
            await Polling.DelayAsync(Time, _firstContinuousResult - Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A one-time measurement powers the chip down at its end; the next needs it powered on again.
            Opcode(Bh1750Commands.PowerOn);
            Opcode(Bh1750Commands.OneTime(_settings.Resolution));
            await Polling.DelayAsync(Time, Wait, cancellationToken).ConfigureAwait(false);
        }
        Span<byte> data = stackalloc byte[2];
        _i2c.Read(data, "the measurement");
        var count = data[0] << 8 | data[1];
        var countsPerLux = Bh1750Commands.CountsPerLux(_settings.Resolution, _settings.MeasurementTime);
        var lux = count / countsPerLux;
        var range = new PhysicalRange(0, ushort.MaxValue / countsPerLux);
        return count == ushort.MaxValue
            ? [Sample(Quantity.Illuminance, lux, range, Quality.Suspect, $"saturated at {lux:F0} lx: lower MeasurementTime for bright light")]
            : [Sample(Quantity.Illuminance, lux, range)];
    }

    /// <summary>One opcode, one write with its own STOP: the chip takes no second opcode in the same transfer.</summary>
    private void Opcode(byte opcode) => _i2c.Write([opcode]);
}
