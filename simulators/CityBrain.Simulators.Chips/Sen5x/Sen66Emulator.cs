using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sen66;
using CityBrain.Simulators.Chips.Physical;
using static CityBrain.Edge.Sensors.Sen5x.SenCommands;
using static CityBrain.Edge.Sensors.Sen66.Sen66Commands;

namespace CityBrain.Simulators.Chips.Sen5x;

/// <summary>A SEN66: <see cref="SenModuleEmulator"/> plus the 9-word measured values with CO₂, the number
/// concentrations (0x0316), the ambient pressure, altitude and self-calibration settings, a 1 s deaf spell after stop
/// and reset, and a fan cleaning only while idle.</summary>
/// <remarks>Physics, as a model: the photoacoustic CO₂ cell counts molecules, so without the true ambient pressure the
/// CO₂ reads off by the ratio of the true pressure to the one the chip assumes (the pressure setting, else the
/// standard atmosphere at the altitude setting); the CO₂ reads unknown for the cell's first <see cref="Co2StartUp"/>
/// of each measurement.</remarks>
public sealed class Sen66Emulator(
    IAmbient ambient,
    TimeProvider time,
    int busId = 1,
    int address = Sen66Sensor.DefaultAddress,
    string serialNumber = "5B1E7D2A90C43F68")
    : SenModuleEmulator(ambient, time, busId, address, Family, "SEN66", serialNumber)
{
    /// <summary>From the start until the CO₂ cell's first value (model: one SCD4x period).</summary>
    public static readonly TimeSpan Co2StartUp = TimeSpan.FromSeconds(5);

    private ushort _pressure, _altitude;
    private bool _pressureGiven;

    /// <summary>The ambient pressure setting (hPa).</summary>
    public int PressureSetting => _pressure;

    public int AltitudeSetting => _altitude;

    public bool AutomaticSelfCalibration { get; private set; }

    /// <summary>How many fan cleanings the chip ran.</summary>
    public int FanCleanings { get; private set; }

    protected override TimeSpan StopTime => Sen66Commands.StopTime;

    protected override int OffsetWords => 4;

    protected override void ResetSettings()
    {
        _pressure = (ushort)DefaultPressure;
        _pressureGiven = false;
        _altitude = 0;
        AutomaticSelfCalibration = true;
    }

    protected override bool Knows(Quantity quantity, DateTimeOffset at) =>
        base.Knows(quantity, at) && (quantity != Quantity.Co2 || MeasuringSince is { } start && at >= start + Co2StartUp);

    protected override double Value(Quantity quantity, DateTimeOffset at) =>
        quantity == Quantity.Co2 ? Measure(Quantity.Co2, at) * Measure(Quantity.Pressure, at) / AssumedPressure() : base.Value(quantity, at);

    protected override bool OnFamilyCommand(ushort code, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        var reply = now + CommandTime;
        switch (code, arguments.Length)
        {
            case (ReadNumberConcentrations, 0):
                Answer(reply, NumberConcentrationWords(now));
                return true;
            case (AmbientPressure, 1):
                _pressure = arguments[0];
                _pressureGiven = true;
                return true;
            case (AmbientPressure, 0):
                Answer(reply, _pressure);
                return true;
            case (SensorAltitude, 1):
                _altitude = arguments[0];
                return true;
            case (SensorAltitude, 0):
                Answer(reply, _altitude);
                return true;
            case (Sen66Commands.AutomaticSelfCalibration, 1):
                AutomaticSelfCalibration = arguments[0] != 0;
                return true;
            case (Sen66Commands.AutomaticSelfCalibration, 0):
                Answer(reply, AutomaticSelfCalibration ? (ushort)1 : (ushort)0);
                return true;
            case (StartFanCleaning, 0):
                if (!Measuring) FanCleanings++;
                return true;
            default:
                return false;
        }
    }

    private ushort[] NumberConcentrationWords(DateTimeOffset now) =>
        LatestMeasurement(now) is { } at
            ? [.. NumberConcentrations.Select(q => FromConcentration(Measure(q, at)))]
            : [.. Enumerable.Repeat(UnsignedUnknown, NumberConcentrations.Count)];

    /// <summary>The pressure setting, else the standard atmosphere at the altitude setting.</summary>
    private double AssumedPressure() =>
        _pressureGiven || _altitude == 0 ? _pressure : 1013.25 * Math.Pow(1 - 2.25577e-5 * _altitude, 5.25588);
}
