using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;
using static CityBrain.Edge.Sensors.Sen5x.SenCommands;

namespace CityBrain.Edge.Sensors.Sen5x;

/// <summary>The flow Sensirion's SEN5x and SEN66 modules share. Identify reads the product name (which must be one
/// of the family's models) and the serial number. Set-up stops any running measurement, checks that the chip measures
/// every configured quantity, clears stale sticky status flags, writes the settings and starts the measurement. Each
/// read polls data-ready (a new measurement every second), reads the measured values and the device status; a value the
/// chip marks unknown (0xFFFF / 0x7FFF, e.g. NOx in its first seconds) gives no sample, never a made-up one, and the
/// status decides each sample's quality (see <see cref="SenStatus"/>).</summary>
public abstract class SenModuleSensor<TSettings> : SensirionSensorDriver<TSettings> where TSettings : class, new()
{
    /// <summary>The specified mass-concentration range; the word itself reaches 6553.4.</summary>
    private const double SpecifiedMassMax = 1000;

    private static readonly PhysicalRange ConcentrationRange = new(0, (UnsignedUnknown - 1) / 10.0);
    private static readonly PhysicalRange IndexRange = new(0, 500);
    private static readonly PhysicalRange HumidityRange = new(0, 100);

    /// <summary>Generous bounds around the modules' operating range: a module reporting beyond them is broken.</summary>
    private static readonly PhysicalRange TemperatureRange = new(-40, 85);

    private static readonly PhysicalRange Co2Range = new(0, 40_000);

    private readonly SenFamily _family;
    private string _model;

    /// <param name="configuredModel">The model the settings declare (the sampler needs its quantities before the chip
    /// answers).</param>
    protected SenModuleSensor(I2cDevice device, string name, TimeProvider time, TSettings? settings, SenFamily family,
        Func<TSettings, string> configuredModel, ILogger? logger)
        : base(device, name, time, settings, logger)
    {
        _family = family;
        _model = configuredModel(Settings);
        Quantities = family.Models.TryGetValue(_model, out var quantities)
            ? quantities
            : throw new ArgumentException($"'{_model}' is none of {family.ModelList}", nameof(settings));
    }

    /// <summary>The configured model until the chip has named itself, then the chip's product name.</summary>
    public override string Model => _model;

    /// <summary>What the configured model measures (the sampler needs them before the chip answers).</summary>
    public override IReadOnlyList<Quantity> Quantities { get; }

    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        _model = await ReadModelAsync(cancellationToken).ConfigureAwait(false);
        var serial = await Chip.QueryAsync(GetSerialNumber, TextWords, _family.TextTime, cancellationToken).ConfigureAwait(false);
        return new SensorIdentity(_model, SerialNumber: SensirionWords.Text(serial)
            ?? throw new SensorIdentityException(Name, $"the serial number is not text ({Describe(serial)})"));
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        // An idle chip ignores the stop; a measuring one takes settings such as the altitude only when idle.
        await Chip.SendAsync(StopMeasurement, _family.StopTime, cancellationToken).ConfigureAwait(false);
        var model = await ReadModelAsync(cancellationToken).ConfigureAwait(false);
        var missing = Quantities.Except(_family.Models[model]).ToList();
        if (missing.Count > 0)
        {
            throw new SensorIdentityException(Name, $"the chip is a {model}, which does not measure {string.Join(", ", missing.Select(q => q.WireName()))}: configure Model \"{model}\"");
        }
        _model = model;
        // Error flags are sticky: ones left from before this set-up (a replugged or long-idle chip) say nothing now.
        await Chip.QueryAsync(ReadAndClearDeviceStatus, StatusWords, CommandTime, cancellationToken).ConfigureAwait(false);
        await ConfigureAsync(cancellationToken).ConfigureAwait(false);
        await Chip.SendAsync(StartMeasurement, StartTime, cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        await WaitForDataAsync(cancellationToken).ConfigureAwait(false);
        var words = await Chip.QueryAsync(_family.ReadMeasuredValues, _family.MeasuredWords, CommandTime, cancellationToken).ConfigureAwait(false);
        var values = MeasuredValues(words);
        values.AddRange(await ReadMoreAsync(cancellationToken).ConfigureAwait(false));
        var status = await ReadStatusAsync(cancellationToken).ConfigureAwait(false);
        var samples = new List<SensorSample>();
        foreach (var (quantity, value) in values)
        {
            if (value is not { } known || !Quantities.Contains(quantity)) continue;
            var (quality, reason) = status.Assess(quantity);
            samples.Add(Measured(quantity, known, quality, reason));
        }
        return samples;
    }

    /// <summary>The family's settings, written while the chip is idle, before the measurement starts.</summary>
    protected abstract ValueTask ConfigureAsync(CancellationToken cancellationToken);

    /// <summary>Values beyond the measured-values command (the SEN66's number concentrations).</summary>
    protected virtual ValueTask<IEnumerable<(Quantity Quantity, double? Value)>> ReadMoreAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Enumerable.Empty<(Quantity, double?)>());

    private async ValueTask<SenStatus> ReadStatusAsync(CancellationToken cancellationToken) =>
        new(UInt32(await Chip.QueryAsync(ReadDeviceStatus, StatusWords, CommandTime, cancellationToken).ConfigureAwait(false)));

    /// <summary>The chip's product name, which must be a model of the family.</summary>
    private async ValueTask<string> ReadModelAsync(CancellationToken cancellationToken)
    {
        ushort[] words;
        try
        {
            words = await Chip.QueryAsync(GetProductName, TextWords, _family.TextTime, cancellationToken).ConfigureAwait(false);
        }
        catch (SensorException ex) when (ex is SensorAbsentException or SensorNackException)
        {
            // An SPS30 shares 0x69 and refuses the product-name command, yet answers the serial-number one: that is
            // another chip, not an empty address.
            if (await AnswersSerialNumberAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new SensorIdentityException(Name, $"the chip at {Chip.I2c.Location} refuses the product-name command 0x{GetProductName:X4} but answers others: it is no {_family.Name} (an SPS30 also sits at 0x69)");
            }
            throw;
        }
        var name = SensirionWords.Text(words);
        return name is not null && _family.Models.ContainsKey(name)
            ? name
            : throw new SensorIdentityException(Name, $"the chip's product name {Describe(words)} is none of {_family.ModelList}");
    }

    private async ValueTask<bool> AnswersSerialNumberAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Chip.QueryAsync(GetSerialNumber, TextWords, _family.TextTime, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SensorException)
        {
            return false;
        }
    }

    /// <summary>Waits for a new measurement: within a second or so of the last, or of the start; during a fan
    /// cleaning (SEN5x) up to its 10 s more. A chip that reports none measures no more (power-cycled, so idle).</summary>
    private async ValueTask WaitForDataAsync(CancellationToken cancellationToken)
    {
        var timeout = _family.FirstMeasurement + Interval;
        if (await DataReadyWithinAsync(timeout, cancellationToken).ConfigureAwait(false)) return;
        var status = await ReadStatusAsync(cancellationToken).ConfigureAwait(false);
        if (status.FanCleaning && await DataReadyWithinAsync(CleaningTime + Interval, cancellationToken).ConfigureAwait(false)) return;
        throw new SensorTimeoutException(Name, $"no new measurement within {timeout.TotalSeconds:F1} s (status {status}): the chip stopped measuring");
    }

    private ValueTask<bool> DataReadyWithinAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Polling.UntilAsync(Time, TimeSpan.Zero, Interval / 10, timeout, async ct =>
            IsDataReady((await Chip.QueryAsync(GetDataReady, 1, CommandTime, ct).ConfigureAwait(false))[0]), cancellationToken);

    private SensorSample Measured(Quantity quantity, double value, Quality quality, string? reason) => quantity switch
    {
        Quantity.Pm1 or Quantity.Pm2_5 or Quantity.Pm4 or Quantity.Pm10 when quality == Quality.Ok && value > SpecifiedMassMax =>
            Sample(quantity, value, ConcentrationRange, Quality.Suspect, $"above the specified range 0..{SpecifiedMassMax} µg/m³, accuracy unspecified"),
        Quantity.Humidity => Sample(quantity, value, HumidityRange, quality, reason),
        Quantity.Temperature => Sample(quantity, value, TemperatureRange, quality, reason),
        Quantity.VocIndex or Quantity.NoxIndex => Sample(quantity, value, IndexRange, quality, reason),
        Quantity.Co2 => Sample(quantity, value, Co2Range, quality, reason),
        _ => Sample(quantity, value, ConcentrationRange, quality, reason),
    };
}
