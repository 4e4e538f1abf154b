using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Edge.Sensors.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Sensors.Sps30;

/// <summary>Sensirion SPS30 laser particle sensor on I2C (0x69) or on its UART (SHDLC, 115200 8N1): PM1, PM2.5, PM4 and
/// PM10 in µg/m³ and the number concentrations of particles up to 0.5, 1, 2.5, 4 and 10 µm in #/cm³. Set-up wakes a
/// chip this driver put to sleep, stops any measurement, reads the firmware version, writes the configured cleaning interval if the chip holds
/// another, clears the status register's sticky errors and starts measuring with float output; each read waits for
/// the next of the chip's once-a-second measurements and reads the status register with it.</summary>
/// <remarks>Values within the start-up time after set-up, during a fan cleaning started here, or with a fan, laser or
/// fan-speed flag in the status register are suspect, with the reason (firmware before 2.2 has no status register:
/// its values go without that check). The typical particle size is read but not
/// published: the contract's vocabulary has no quantity for it.</remarks>
public sealed partial class Sps30Sensor : SensorDriver
{
    public static readonly IReadOnlyList<int> Addresses = [Sps30Commands.Address];

    /// <summary>The datasheet's measurement ranges; a value beyond is not air but a broken reading.</summary>
    private static readonly PhysicalRange MassRange = new(0, 1000), NumberRange = new(0, 3000);

    /// <summary>Three measurement intervals: one late or lost measurement is no error.</summary>
    private static readonly TimeSpan MeasurementTimeout = Sps30Commands.SamplingInterval * 3;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ISps30Link _link;
    private readonly Sps30Settings _settings;
    private readonly WarmUp _startUp;
    private bool _measuring, _asleep, _hasStatusRegister;
    private DateTimeOffset? _cleaningUntil;

    public Sps30Sensor(I2cDevice device, string name, TimeProvider time, Sps30Settings? settings = null, ILogger? logger = null)
        : this(new Sps30I2cLink(new I2cChannel(device, name), time, name), name, time, settings, logger)
    {
    }

    public Sps30Sensor(Stream port, string name, TimeProvider time, Sps30Settings? settings = null, ILogger? logger = null)
        : this(new Sps30UartLink(new UartChannel(port, time, name, logger ?? NullLogger.Instance), time, name), name, time, settings, logger)
    {
    }

    private Sps30Sensor(ISps30Link link, string name, TimeProvider time, Sps30Settings? settings, ILogger? logger)
        : base(name, link, time, logger)
    {
        _link = link;
        _settings = settings ?? new Sps30Settings();
        _startUp = new WarmUp(time, Sps30Commands.StartUpTime, "start-up: the fan and laser are settling");
    }

    public override string Model => "SPS30";

    public override IReadOnlyList<Quantity> Quantities { get; } =
        [Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10];

    /// <summary>The firmware version read by the last identification or set-up, e.g. <c>2.2</c>.</summary>
    public string? FirmwareVersion { get; private set; }

    /// <summary>The typical particle size (µm) of the last measurement; read off the wire, not published.</summary>
    public double? TypicalParticleSize { get; private set; }

    /// <summary>Cleans the fan now: 10 s at full speed blow the dust off. The values read meanwhile are suspect. The
    /// chip cleans only while measuring, so the driver must have read at least once since its set-up.</summary>
    /// <exception cref="InvalidOperationException">The chip is not measuring (never read, asleep, or set up anew).</exception>
    public ValueTask StartFanCleaningAsync(CancellationToken cancellationToken) => ExclusiveAsync(async ct =>
    {
        if (!_measuring) throw new InvalidOperationException($"{Name}: the SPS30 cleans its fan only while measuring; read it first");
        await _link.StartFanCleaningAsync(ct).ConfigureAwait(false);
        _cleaningUntil = Time.GetUtcNow() + Sps30Commands.CleaningTime;
        LogCleaning(Logger, Name, Sps30Commands.CleaningTime.TotalSeconds);
    }, cancellationToken);

    /// <summary>The device status register, cleared after reading when <paramref name="clear"/> (the fan and laser
    /// errors stay set until then).</summary>
    public ValueTask<Sps30Status> ReadStatusAsync(bool clear, CancellationToken cancellationToken) =>
        ExclusiveAsync(async ct => (Sps30Status)await _link.ReadStatusAsync(clear, ct).ConfigureAwait(false), cancellationToken);

    /// <summary>Stops the measurement and puts the chip to sleep (fan and laser off, interface off) until the next read
    /// or <see cref="WakeAsync"/>.</summary>
    public ValueTask SleepAsync(CancellationToken cancellationToken) => ExclusiveAsync(async ct =>
    {
        await _link.StopMeasurementAsync(ct).ConfigureAwait(false);
        _measuring = false;
        Reinitialise();
        await _link.SleepAsync(ct).ConfigureAwait(false);
        _asleep = true;
    }, cancellationToken);

    /// <summary>Wakes a chip put to sleep here; the next read starts its measurement.</summary>
    public ValueTask WakeAsync(CancellationToken cancellationToken) => ExclusiveAsync(WakeIfAsleepAsync, cancellationToken);

    /// <summary>The product type proves an SPS30 (a SEN5x at the same address answers otherwise, or not at all); the
    /// serial number and the firmware version complete the identity. Works in any mode, measuring or not.</summary>
    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        // A chip put to sleep here hears nothing but the wake-up; awake, it waits idle for the next read's set-up.
        await WakeIfAsleepAsync(cancellationToken).ConfigureAwait(false);
        var productType = await _link.ReadProductTypeAsync(cancellationToken).ConfigureAwait(false);
        if (productType != Sps30Commands.ProductType)
        {
            throw new SensorIdentityException(Name, $"product type '{productType ?? "(not text)"}' is not an SPS30's ({Sps30Commands.ProductType}): another chip answers here");
        }
        var serial = await _link.ReadSerialNumberAsync(cancellationToken).ConfigureAwait(false);
        var (major, minor) = await _link.ReadFirmwareVersionAsync(cancellationToken).ConfigureAwait(false);
        FirmwareVersion = $"{major}.{minor}";
        return new SensorIdentity(Model, ChipId: $"product type {productType}, firmware {FirmwareVersion}", SerialNumber: serial);
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        _measuring = false;
        _cleaningUntil = null;
        await WakeIfAsleepAsync(cancellationToken).ConfigureAwait(false);
        await _link.StopMeasurementAsync(cancellationToken).ConfigureAwait(false);
        var (major, minor) = await _link.ReadFirmwareVersionAsync(cancellationToken).ConfigureAwait(false);
        FirmwareVersion = $"{major}.{minor}";
        _hasStatusRegister = (major, minor).CompareTo(Sps30Commands.StatusRegisterFirmware) >= 0;
        if (_settings.AutoCleaningIntervalHours is { } hours)
        {
            var seconds = (uint)hours * 3600;
            var held = await _link.ReadCleaningIntervalAsync(cancellationToken).ConfigureAwait(false);
            if (held != seconds)
            {
                await _link.WriteCleaningIntervalAsync(seconds, cancellationToken).ConfigureAwait(false);
                LogCleaningInterval(Logger, Name, hours, held);
            }
        }
        if (_hasStatusRegister)
        {
            // A fan or laser error seen before this set-up says nothing about now: a real fault sets its bit again within seconds.
            await _link.ReadStatusAsync(clear: true, cancellationToken).ConfigureAwait(false);
        }
        await _link.StartMeasurementAsync(cancellationToken).ConfigureAwait(false);
        _startUp.Restart();
        _startUp.Answered();
        _measuring = true;
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        Sps30Measurement? measurement = null;
        if (!await Polling.UntilAsync(Time, TimeSpan.Zero, PollInterval, MeasurementTimeout, async ct =>
            {
                measurement = await _link.TryReadMeasurementAsync(ct).ConfigureAwait(false);
                return measurement is not null;
            }, cancellationToken).ConfigureAwait(false))
        {
            throw new SensorTimeoutException(Name, $"no new measurement within {MeasurementTimeout.TotalSeconds:F0} s: the chip stopped measuring");
        }
        var m = measurement!.Value;
        TypicalParticleSize = m.TypicalParticleSize;
        var status = _hasStatusRegister ? (Sps30Status)await _link.ReadStatusAsync(clear: false, cancellationToken).ConfigureAwait(false) : Sps30Status.None;
        var (quality, reason) = Sps30StatusAssessment.Assess(status);
        if (quality == Quality.Ok && Time.GetUtcNow() < _cleaningUntil)
        {
            (quality, reason) = (Quality.Suspect, "fan cleaning: the fan runs at full speed for 10 s");
        }
        if (quality == Quality.Ok) (quality, reason) = _startUp.Assess();
        return
        [
            Sample(Quantity.Pm1, m.Pm1, MassRange, quality, reason),
            Sample(Quantity.Pm2_5, m.Pm2_5, MassRange, quality, reason),
            Sample(Quantity.Pm4, m.Pm4, MassRange, quality, reason),
            Sample(Quantity.Pm10, m.Pm10, MassRange, quality, reason),
            Sample(Quantity.Nc0_5, m.Nc0_5, NumberRange, quality, reason),
            Sample(Quantity.Nc1, m.Nc1, NumberRange, quality, reason),
            Sample(Quantity.Nc2_5, m.Nc2_5, NumberRange, quality, reason),
            Sample(Quantity.Nc4, m.Nc4, NumberRange, quality, reason),
            Sample(Quantity.Nc10, m.Nc10, NumberRange, quality, reason),
        ];
    }

    /// <summary>Only a chip put to sleep here: an awake one refuses the wake-up command.</summary>
    private async ValueTask WakeIfAsleepAsync(CancellationToken cancellationToken)
    {
        if (!_asleep) return;
        await _link.WakeUpAsync(cancellationToken).ConfigureAwait(false);
        _asleep = false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sensor {Sensor} started a fan cleaning: values for the next {Seconds} s are suspect")]
    private static partial void LogCleaning(ILogger logger, string sensor, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sensor {Sensor} automatic fan cleaning set to every {Hours} h (was {Was} s; 0 is off)")]
    private static partial void LogCleaningInterval(ILogger logger, string sensor, int hours, uint was);
}
