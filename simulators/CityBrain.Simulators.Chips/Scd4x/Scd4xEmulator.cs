using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Scd4x;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;
using static CityBrain.Edge.Sensors.Scd4x.Scd4xCommands;

namespace CityBrain.Simulators.Chips.Scd4x;

/// <summary>An SCD4x: periodic measurement every 5 s (30 s low power) with a data-ready flag and a measurement read
/// once (a read with nothing new is NACKed), a 500 ms deaf spell after a stop, settings only while idle, CRC-checked
/// argument words, serial number and variant.</summary>
/// <remarks>Physics, as a model: the chip sits <see cref="SelfHeating"/> above the air and reports its own temperature
/// minus the offset setting (the default offset cancels the default self-heating), with the humidity at that
/// temperature; the photoacoustic cell counts molecules, so without the true ambient pressure the CO₂ reads off by the
/// ratio of the true pressure to the one the chip assumes.</remarks>
public sealed class Scd4xEmulator(
    IAmbient ambient,
    TimeProvider time,
    int busId = 1,
    int address = Scd4xSensor.DefaultAddress,
    ulong serialNumber = 0x9A3B_7C0D_2E11,
    ushort variant = 0x1440) : SensirionChipEmulator(ambient, time, busId, address, commandBytes: 2)
{
    /// <summary>The offset the chip ships with.</summary>
    private const double DefaultOffset = 4;

    /// <summary>How much warmer the chip runs than the air (model): what the default offset word cancels exactly.</summary>
    public static readonly double SelfHeating = TemperatureOffset(FromTemperatureOffset(DefaultOffset));

    /// <summary>The pressure the chip assumes without a setting (101300 Pa).</summary>
    private const double DefaultPressure = 1013;

    private static readonly IReadOnlySet<ushort> AllowedWhileMeasuring = new HashSet<ushort> { ReadMeasurement, StopPeriodic, AmbientPressure, GetDataReady };

    private DateTimeOffset _busyUntil;
    private (DateTimeOffset Start, TimeSpan Period)? _periodic;
    private long _read;
    private ushort _offset, _altitude, _pressure;
    private bool _selfCalibration;

    /// <summary>The ambient pressure setting, hPa, 0 when none was given.</summary>
    public int PressureSetting => _pressure;

    public double TemperatureOffsetSetting => TemperatureOffset(_offset);

    public bool AutomaticSelfCalibration => _selfCalibration;

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        ClearAnswer();
        _busyUntil = poweredAt == DateTimeOffset.MinValue ? poweredAt : poweredAt + PowerUpTime;
        _periodic = null;
        _offset = FromTemperatureOffset(DefaultOffset);
        _altitude = 0;
        _pressure = 0;
        _selfCalibration = true;
    }

    protected override void OnCommand(int command, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        if (now < _busyUntil) throw Nack("busy");
        var code = (ushort)command;
        if (_periodic is not null && !AllowedWhileMeasuring.Contains(code)) throw Nack($"command 0x{code:X4} during periodic measurement");
        var reply = now + CommandTime;
        switch (code, arguments.Length)
        {
            case (StartPeriodic or StartLowPowerPeriodic, 0):
                ClearAnswer();
                _periodic = (now, Period(code == StartPeriodic ? Scd4xMode.Periodic : Scd4xMode.LowPowerPeriodic));
                _read = 0;
                break;
            case (StopPeriodic, 0):
                ClearAnswer();
                _periodic = null;
                _busyUntil = now + StopTime;
                break;
            case (GetDataReady, 0):
                Answer(reply, (ushort)(Completed(now) > _read ? 0x8006 : 0x8000));
                break;
            case (ReadMeasurement, 0):
                AnswerMeasurement(now);
                break;
            case (AmbientPressure, 1):
                _pressure = arguments[0];
                break;
            case (AmbientPressure, 0):
                Answer(reply, _pressure == 0 ? (ushort)DefaultPressure : _pressure);
                break;
            case (SetTemperatureOffset, 1):
                _offset = arguments[0];
                break;
            case (GetTemperatureOffset, 0):
                Answer(reply, _offset);
                break;
            case (SetAltitude, 1):
                _altitude = arguments[0];
                break;
            case (GetAltitude, 0):
                Answer(reply, _altitude);
                break;
            case (SetAutomaticSelfCalibration, 1):
                _selfCalibration = arguments[0] != 0;
                break;
            case (GetAutomaticSelfCalibration, 0):
                Answer(reply, _selfCalibration ? (ushort)1 : (ushort)0);
                break;
            case (GetSerialNumber, 0):
                Answer(reply, (ushort)(serialNumber >> 32), (ushort)(serialNumber >> 16), (ushort)serialNumber);
                break;
            case (GetVariant, 0):
                Answer(reply, variant);
                break;
            default:
                throw Nack($"unknown command 0x{code:X4} with {arguments.Length} argument word(s)");
        }
    }

    /// <summary>How many measurements the running periodic measurement has completed by <paramref name="now"/>.</summary>
    private long Completed(DateTimeOffset now) =>
        _periodic is { } p && now - p.Start - Faults.ExtraDelay >= p.Period ? (now - p.Start - Faults.ExtraDelay).Ticks / p.Period.Ticks : 0;

    private void AnswerMeasurement(DateTimeOffset now)
    {
        ClearAnswer();
        var completed = Completed(now);
        if (_periodic is not { } periodic || completed <= _read) return;
        _read = completed;
        var at = periodic.Start + periodic.Period * completed;
        var air = Measure(Quantity.Temperature, at);
        var reported = air + SelfHeating - TemperatureOffset(_offset);
        var humidity = Psychrometry.RelativeHumidityAt(Measure(Quantity.Humidity, at), air, reported);
        var co2 = Measure(Quantity.Co2, at) * Measure(Quantity.Pressure, at) / AssumedPressure();
        Answer(now + CommandTime, SensirionTicks.Round(co2), SensirionTicks.FromTemperature(reported), SensirionTicks.FromHumidity(humidity));
    }

    /// <summary>The pressure setting, else the standard atmosphere at the altitude setting, else the default.</summary>
    private double AssumedPressure() =>
        _pressure != 0 ? _pressure
        : _altitude != 0 ? 1013.25 * Math.Pow(1 - 2.25577e-5 * _altitude, 5.25588)
        : DefaultPressure;
}
