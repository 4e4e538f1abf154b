using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Edge.Sensors.Transport;
using Microsoft.Extensions.Logging;
using static CityBrain.Edge.Sensors.Bme280.Bme280Registers;

namespace CityBrain.Edge.Sensors.Bme280;

/// <summary>Bosch BME280 (temperature, humidity, pressure) or BMP280 (temperature, pressure), told apart by the chip
/// id, on I2C. Set-up follows the datasheet: soft reset, wait for the NVM copy, read the calibration, write config and
/// ctrl_hum in sleep mode, then ctrl_meas (which latches ctrl_hum). Each reading is one burst of the data registers,
/// so temperature, pressure and humidity come from one measurement.</summary>
public sealed class Bme280Sensor : SensorDriver
{
    public const int DefaultAddress = 0x76;

    public static readonly IReadOnlyList<int> Addresses = [0x76, 0x77];

    /// <summary>The datasheet's operating ranges.</summary>
    private static readonly PhysicalRange TemperatureRange = new(-40, 85), PressureRange = new(300, 1100), HumidityRange = new(0, 100);

    /// <summary>The Bosch API polls the NVM copy 5 times, 2 ms apart.</summary>
    private static readonly TimeSpan NvmPoll = TimeSpan.FromMilliseconds(2), NvmTimeout = TimeSpan.FromMilliseconds(10);

    private readonly I2cChannel _i2c;
    private readonly Bme280Settings _settings;
    private byte? _chipId;
    private Bme280Calibration? _calibration;
    private DateTimeOffset _firstNormalMeasurement;

    public Bme280Sensor(I2cDevice device, string name, TimeProvider time, Bme280Settings? settings = null, ILogger? logger = null)
        : this(new I2cChannel(device, name), name, time, settings ?? new Bme280Settings(), logger)
    {
    }

    private Bme280Sensor(I2cChannel i2c, string name, TimeProvider time, Bme280Settings settings, ILogger? logger)
        : base(name, i2c, time, logger)
    {
        _i2c = i2c;
        _settings = settings;
    }

    /// <summary>BME280 until the chip id says BMP280.</summary>
    public override string Model => _chipId is { } id && IsBmp280(id) ? "BMP280" : "BME280";

    /// <summary>What the identified chip measures with these settings: a BMP280 has no humidity, a skipped channel
    /// is left out.</summary>
    public override IReadOnlyList<Quantity> Quantities =>
    [
        Quantity.Temperature,
        .. HasHumidity ? [Quantity.Humidity] : Array.Empty<Quantity>(),
        .. _settings.PressureOversampling != Bme280Oversampling.Skipped ? [Quantity.Pressure] : Array.Empty<Quantity>(),
    ];

    private bool IsBmp => _chipId is { } id && IsBmp280(id);

    private bool HasHumidity => !IsBmp && _settings.HumidityOversampling != Bme280Oversampling.Skipped;

    private TimeSpan MeasurementTime => MaxMeasurementTime(_settings.TemperatureOversampling, _settings.PressureOversampling,
        IsBmp ? Bme280Oversampling.Skipped : _settings.HumidityOversampling);

    protected override ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        var id = ReadChipId();
        return ValueTask.FromResult(new SensorIdentity(Model, ChipId: $"0x{id:X2}"));
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        ReadChipId();
        _i2c.WriteRegister(Reset, ResetCommand);
        if (!await Polling.UntilAsync(Time, NvmPoll, NvmPoll, NvmTimeout, () => (_i2c.ReadRegister(Status) & StatusImUpdate) == 0, cancellationToken).ConfigureAwait(false))
        {
            throw new SensorTimeoutException(Name, $"still copying its calibration from NVM {NvmTimeout.TotalMilliseconds} ms after a reset");
        }
        _calibration = ReadCalibration();
        // After the reset the chip sleeps, the only mode in which config is sure to be taken.
        _i2c.WriteRegister(Config, ConfigValue(_settings.Standby, _settings.Filter));
        if (!IsBmp) _i2c.WriteRegister(ControlHumidity, (byte)_settings.HumidityOversampling);
        var mode = _settings.Mode == Bme280Mode.Normal ? ModeNormal : ModeSleep;
        _i2c.WriteRegister(ControlMeasurement, ControlMeasurementValue(_settings.TemperatureOversampling, _settings.PressureOversampling, mode));
        _firstNormalMeasurement = Time.GetUtcNow() + MeasurementTime;
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        if (_settings.Mode == Bme280Mode.Forced)
        {
            await MeasureForcedAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Polling.DelayAsync(Time, _firstNormalMeasurement - Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        Span<byte> data = stackalloc byte[IsBmp ? 6 : 8];
        _i2c.ReadRegisters(Data, data);
        return Convert(data);
    }

    private async ValueTask MeasureForcedAsync(CancellationToken cancellationToken)
    {
        _i2c.WriteRegister(ControlMeasurement, ControlMeasurementValue(_settings.TemperatureOversampling, _settings.PressureOversampling, ModeForced));
        var typical = MeasurementTime;
        if (!await Polling.UntilAsync(Time, typical, TimeSpan.FromMilliseconds(1), typical * 2,
                () => (_i2c.ReadRegister(Status) & StatusMeasuring) == 0, cancellationToken).ConfigureAwait(false))
        {
            throw new SensorTimeoutException(Name, $"still measuring {2 * typical.TotalMilliseconds:F1} ms after a forced measurement started (the datasheet's maximum is {typical.TotalMilliseconds:F1} ms)");
        }
    }

    private IReadOnlyList<SensorSample> Convert(ReadOnlySpan<byte> data)
    {
        var calibration = _calibration ?? throw new InvalidOperationException("the chip was not set up");
        var adcP = data[0] << 12 | data[1] << 4 | data[2] >> 4;
        var adcT = data[3] << 12 | data[4] << 4 | data[5] >> 4;
        if (adcT == SkippedPressureOrTemperature) throw NotMeasured("temperature");
        var tFine = calibration.FineTemperature(adcT);
        var samples = new List<SensorSample>(3)
        {
            Sample(Quantity.Temperature, Bme280Calibration.Temperature(tFine) / 100.0, TemperatureRange),
        };
        if (HasHumidity)
        {
            var adcH = data[6] << 8 | data[7];
            if (adcH == SkippedHumidity) throw NotMeasured("humidity");
            samples.Add(Sample(Quantity.Humidity, calibration.Humidity(adcH, tFine) / 1024.0, HumidityRange));
        }
        if (_settings.PressureOversampling != Bme280Oversampling.Skipped)
        {
            if (adcP == SkippedPressureOrTemperature) throw NotMeasured("pressure");
            var pressure = calibration.Pressure(adcP, tFine)
                ?? throw new SensorRangeException(Name, "pressure compensation divides by zero (dig_P1 = 0): the calibration data are broken");
            samples.Add(Sample(Quantity.Pressure, pressure / 256.0 / 100, PressureRange));
        }
        return samples;
    }

    private byte ReadChipId()
    {
        var id = _i2c.ReadRegister(ChipId);
        if (id != Bme280Id && !IsBmp280(id))
        {
            throw new SensorIdentityException(Name, $"chip id 0x{id:X2} at {_i2c.Location} is neither a BME280 (0x{Bme280Id:X2}) nor a BMP280 (0x58)");
        }
        _chipId = id;
        return id;
    }

    private Bme280Calibration ReadCalibration()
    {
        Span<byte> temperaturePressure = stackalloc byte[Bme280Calibration.TemperaturePressureLength];
        Span<byte> humidity = stackalloc byte[Bme280Calibration.HumidityLength];
        _i2c.ReadRegisters(CalibrationTemperaturePressure, temperaturePressure);
        if (!IsBmp) _i2c.ReadRegisters(CalibrationHumidity, humidity);
        var calibration = Bme280Calibration.Parse(temperaturePressure, IsBmp ? [] : humidity);
        // Every part has large positive dig_T1 and dig_P1; zeros or ones throughout mean the NVM copy was not read.
        if (calibration.T1 is 0 or ushort.MaxValue || calibration.P1 is 0 or ushort.MaxValue)
        {
            throw new SensorRangeException(Name, $"implausible calibration (dig_T1 = {calibration.T1}, dig_P1 = {calibration.P1})");
        }
        return calibration;
    }

    /// <summary>A channel that should have been measured reads its reset value: the chip lost its settings (a brown-out
    /// or power cycle the driver did not see), so it is set up again before the next reading.</summary>
    private SensorRangeException NotMeasured(string channel)
    {
        Reinitialise();
        return new SensorRangeException(Name, $"{channel} was not measured (the data register holds its reset value): the chip lost its settings and will be set up again");
    }
}
