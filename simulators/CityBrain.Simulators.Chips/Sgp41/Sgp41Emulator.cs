using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sgp41;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;
using static CityBrain.Edge.Sensors.Sgp41.Sgp41Commands;

namespace CityBrain.Simulators.Chips.Sgp41;

/// <summary>An SGP41: conditioning answers SRAW_VOC, a measurement SRAW_VOC and SRAW_NOX, each readable after its
/// execution time; the self-test answers 0xD400 unless <see cref="FailingPixels"/> says otherwise; the heater runs from
/// the first conditioning or measurement until turned off or the power goes; unknown commands and argument words with
/// a wrong CRC are NACKed.</summary>
/// <remarks>Physics, as a model: the ambient's <see cref="Quantity.VocRaw"/> and <see cref="Quantity.NoxRaw"/> are what
/// a chip told the true humidity reports. Water vapour lowers a metal-oxide pixel's resistance, so a chip told another
/// humidity (50 % when compensation is off) reads <see cref="TicksPerPercentHumidity"/> lower for every percent the air
/// is wetter than it was told. The temperature word is taken but changes nothing here.</remarks>
public sealed class Sgp41Emulator(
    IAmbient ambient,
    TimeProvider time,
    int busId = 1,
    int address = Sgp41Sensor.DefaultAddress,
    ulong serialNumber = 0x0000_0A3F_91C2) : SensirionChipEmulator(ambient, time, busId, address, commandBytes: 2)
{
    /// <summary>The model's humidity dependence of both raw signals (not a datasheet value).</summary>
    public const double TicksPerPercentHumidity = 40;

    private DateTimeOffset? _conditioningSince;

    /// <summary>A fault: the pixels the self-test reports broken.</summary>
    public Sgp41Pixels FailingPixels { get; set; }

    public bool HeaterOn { get; private set; }

    /// <summary>The longest run of conditioning so far, from its first command to the command that ended it.</summary>
    public TimeSpan LongestConditioning { get; private set; }

    /// <summary>The humidity word of the last conditioning or measurement.</summary>
    public ushort HumidityWord { get; private set; }

    /// <summary>The temperature word of the last conditioning or measurement.</summary>
    public ushort TemperatureWord { get; private set; }

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        ClearAnswer();
        HeaterOn = false;
        _conditioningSince = null;
    }

    protected override void OnCommand(int command, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        var code = (ushort)command;
        // Real chips finish well inside the driver's wait; 80 % of it leaves margin for a slow-chip fault.
        switch (code, arguments.Length)
        {
            case (ExecuteConditioning, 2):
                _conditioningSince ??= now;
                Heat(arguments);
                Answer(now + ConditioningTime * 0.8, Signal(Quantity.VocRaw, now));
                break;
            case (MeasureRawSignals, 2):
                EndConditioning(now);
                Heat(arguments);
                Answer(now + MeasureTime * 0.8, Signal(Quantity.VocRaw, now), Signal(Quantity.NoxRaw, now));
                break;
            case (ExecuteSelfTest, 0):
                EndConditioning(now);
                Answer(now + SelfTestTime * 0.8, SelfTestResult(FailingPixels));
                break;
            case (TurnHeaterOff, 0):
                EndConditioning(now);
                ClearAnswer();
                HeaterOn = false;
                break;
            case (GetSerialNumber, 0):
                Answer(now + CommandTime, (ushort)(serialNumber >> 32), (ushort)(serialNumber >> 16), (ushort)serialNumber);
                break;
            default:
                throw Nack($"unknown command 0x{code:X4} with {arguments.Length} argument word(s)");
        }
    }

    private void Heat(ReadOnlySpan<ushort> compensation)
    {
        HeaterOn = true;
        (HumidityWord, TemperatureWord) = (compensation[0], compensation[1]);
    }

    private void EndConditioning(DateTimeOffset now)
    {
        if (_conditioningSince is not { } since) return;
        if (now - since > LongestConditioning) LongestConditioning = now - since;
        _conditioningSince = null;
    }

    private ushort Signal(Quantity quantity, DateTimeOffset now)
    {
        var wetter = Measure(Quantity.Humidity, now) - SensirionTicks.Humidity(HumidityWord);
        return SensirionTicks.Round(Measure(quantity, now) - TicksPerPercentHumidity * wetter);
    }
}
