using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Sgp41;

/// <summary>Sensirion SGP41 metal-oxide VOC and NOx sensor on I2C. Set-up runs the self-test, then conditions the NOx
/// pixel at 1 Hz for at most 10 s; each read measures both raw signals with the humidity compensation of the latest
/// temperature and humidity from a neighbouring sensor. It reports raw ticks, not the VOC/NOx indices (see README).
/// Disposing it switches the heater off, which otherwise stays on as long as the chip has power.</summary>
public sealed class Sgp41Sensor : SensirionSensorDriver<Sgp41Settings>, ICompensated
{
    public const int DefaultAddress = 0x59;

    public static readonly IReadOnlyList<int> Addresses = [0x59];

    /// <summary>Every 16-bit tick is a possible raw signal.</summary>
    private static readonly PhysicalRange TickRange = new(0, ushort.MaxValue);

    /// <summary>What the conditioning leaves of its ceiling, against a late timer on a busy gateway.</summary>
    private static readonly TimeSpan ConditioningMargin = TimeSpan.FromMilliseconds(100);

    private double? _humidity, _temperature;

    /// <summary>A conditioning or measurement was sent since the heater was last switched off (the chip powers up idle).</summary>
    private bool _heating;

    public Sgp41Sensor(I2cDevice device, string name, TimeProvider time, Sgp41Settings? settings = null, ILogger? logger = null)
        : base(device, name, time, settings, logger)
    {
    }

    public override string Model => "SGP41";

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.VocRaw, Quantity.NoxRaw];

    public IReadOnlyList<Quantity> CompensatedBy { get; } = [Quantity.Temperature, Quantity.Humidity];

    /// <summary>Keeps the value for the next command's compensation words; the chip takes them with every
    /// measurement, so nothing is sent now.</summary>
    public ValueTask CompensateAsync(Quantity quantity, double value, CancellationToken cancellationToken)
    {
        switch (quantity)
        {
            case Quantity.Temperature when value is >= Sgp41Commands.MinTemperature and <= Sgp41Commands.MaxTemperature:
                _temperature = value;
                break;
            case Quantity.Humidity when value is >= 0 and <= 100:
                _humidity = value;
                break;
        }
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        var serial = await Chip.QueryAsync(Sgp41Commands.GetSerialNumber, 3, Sgp41Commands.CommandTime, cancellationToken).ConfigureAwait(false);
        return new SensorIdentity(Model, SerialNumber: SensirionWords.Hex(serial));
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        var result = await Chip.QueryAsync(Sgp41Commands.ExecuteSelfTest, 1, Sgp41Commands.SelfTestTime, cancellationToken).ConfigureAwait(false);
        if (!Sgp41Commands.SelfTestPassed(result[0]))
        {
            var failed = Sgp41Commands.FailedPixels(result[0]);
            throw new SensorFaultException(Name, $"the self-test failed (result 0x{result[0]:X4}: " +
                (failed == Sgp41Pixels.None ? "an unknown fault" : $"{failed} pixel(s) broken") + "); replace the chip");
        }
        await ConditionAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        var words = await CommandAsync(Sgp41Commands.MeasureRawSignals, 2, Sgp41Commands.MeasureTime, cancellationToken).ConfigureAwait(false);
        return [Sample(Quantity.VocRaw, words[0], TickRange), Sample(Quantity.NoxRaw, words[1], TickRange)];
    }

    /// <summary>Switches the heater off once the driver has switched it on; the owner is done with the chip. (A probe
    /// that only identified the chip, or found nothing, sends nothing.)</summary>
    protected override void ShutDown()
    {
        if (!_heating) return;
        try
        {
            Chip.Send(Sgp41Commands.TurnHeaterOff);
            _heating = false;
        }
        catch (SensorException ex)
        {
            Sgp41Log.HeaterLeftOn(Logger, Name, ex.Message);
        }
    }

    /// <summary>Conditions the NOx pixel at 1 Hz and ends the conditioning within the configured time with a first
    /// measurement, which is discarded (Sensirion advises discarding the first raw value when no index algorithm runs).
    /// The chip stays in conditioning until its next command, and the sampler's next read may be far off, so the
    /// driver runs the whole phase, its end included, itself instead of one step per read: nothing is published during
    /// it (its VOC ticks are read, as the chip requires, but not reported). If the phase fails half-way, the heater
    /// goes off, so that no conditioning outlasts it.</summary>
    private async ValueTask ConditionAsync(CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(Settings.ConditioningSeconds);
        Sgp41Log.Conditioning(Logger, Name, duration);
        var start = Time.GetUtcNow();
        var end = start + duration - ConditioningMargin;
        try
        {
            for (var next = start; next < end; next += Sgp41Commands.ConditioningPeriod)
            {
                await Polling.DelayAsync(Time, next - Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await CommandAsync(Sgp41Commands.ExecuteConditioning, 1, Sgp41Commands.ConditioningTime, cancellationToken).ConfigureAwait(false);
            }
            // Polling rounds a wait up by up to 2 ms: the margin absorbs it.
            await Polling.DelayAsync(Time, end - Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await CommandAsync(Sgp41Commands.MeasureRawSignals, 2, Sgp41Commands.MeasureTime, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ShutDown();
            throw;
        }
    }

    /// <summary>Sends a command with the compensation words and reads its answer.</summary>
    private async ValueTask<ushort[]> CommandAsync(ushort command, int words, TimeSpan executionTime, CancellationToken cancellationToken)
    {
        var (humidity, temperature) = Sgp41Commands.CompensationWords(_humidity, _temperature);
        _heating = true;
        Chip.Send(command, humidity, temperature);
        return await Chip.ReadAsync(command, words, executionTime, cancellationToken).ConfigureAwait(false);
    }
}
