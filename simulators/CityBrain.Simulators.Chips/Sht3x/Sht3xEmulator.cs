using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sht3x;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Simulators.Chips.Sht3x;

/// <summary>An SHT3x: single shots readable after their typical duration, periodic measurement whose latest result a
/// fetch reads once (a fetch with nothing new is NACKed), the status register with its reset and heater bits, and the
/// serial number. During a periodic measurement the chip takes only fetch and break.</summary>
public sealed class Sht3xEmulator(
    IAmbient ambient,
    TimeProvider time,
    int busId = 1,
    int address = Sht3xSensor.DefaultAddress,
    uint serialNumber = 0x0C0FFEE5) : SensirionChipEmulator(ambient, time, busId, address, commandBytes: 2)
{
    private const ushort StatusHeater = 1 << 13;

    private ushort _status;
    private DateTimeOffset _busyUntil;
    private (Sht3xRate Rate, Sht3xRepeatability Repeatability, DateTimeOffset Start)? _periodic;
    private long _fetched;

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        ClearAnswer();
        _status = Sht3xCommands.StatusAfterReset;
        _busyUntil = poweredAt + TimeSpan.FromMilliseconds(1);
        _periodic = null;
    }

    protected override void OnCommand(int command, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        if (now < _busyUntil) throw Nack("busy after a reset");
        var code = (ushort)command;
        if (_periodic is { } periodic)
        {
            if (code == Sht3xCommands.Fetch) AnswerFetch(periodic, now);
            else if (code == Sht3xCommands.Break) _periodic = null;
            else throw Nack($"command 0x{code:X4} during a periodic measurement");
            return;
        }
        if (Sht3xCommands.SingleShotOf(code) is { } repeatability)
        {
            AnswerMeasurement(now, now + Sht3xCommands.TypicalDuration(repeatability));
        }
        else if (Sht3xCommands.PeriodicOf(code) is { } start)
        {
            ClearAnswer();
            _periodic = (start.Rate, start.Repeatability, now);
            _fetched = 0;
        }
        else
        {
            switch (code)
            {
                case Sht3xCommands.ReadStatus:
                    Answer(now, _status);
                    break;
                case Sht3xCommands.ClearStatus:
                    _status &= unchecked((ushort)~0x8C10);
                    break;
                case Sht3xCommands.HeaterOn:
                    _status |= StatusHeater;
                    break;
                case Sht3xCommands.HeaterOff:
                    _status &= unchecked((ushort)~StatusHeater);
                    break;
                case Sht3xCommands.ReadSerial:
                    Answer(now, (ushort)(serialNumber >> 16), (ushort)serialNumber);
                    break;
                case Sht3xCommands.SoftReset:
                    PowerUp(now);
                    break;
                case Sht3xCommands.Fetch:
                    // Idle, there is nothing to fetch: the read is NACKed.
                    ClearAnswer();
                    break;
                case Sht3xCommands.Break:
                    break;
                default:
                    throw Nack($"unknown command 0x{code:X4}");
            }
        }
    }

    /// <summary>The latest completed periodic result, unless it was fetched already.</summary>
    private void AnswerFetch((Sht3xRate Rate, Sht3xRepeatability Repeatability, DateTimeOffset Start) periodic, DateTimeOffset now)
    {
        ClearAnswer();
        var period = Sht3xCommands.Period(periodic.Rate);
        var elapsed = now - periodic.Start - Sht3xCommands.TypicalDuration(periodic.Repeatability) - Faults.ExtraDelay;
        if (elapsed < TimeSpan.Zero) return;
        var completed = elapsed.Ticks / period.Ticks + 1;
        if (completed <= _fetched) return;
        _fetched = completed;
        AnswerMeasurement(periodic.Start + period * (completed - 1), now - Faults.ExtraDelay);
    }

    private void AnswerMeasurement(DateTimeOffset measuredAt, DateTimeOffset readyAt) =>
        Answer(readyAt, SensirionTicks.FromTemperature(Measure(Quantity.Temperature, measuredAt)),
            SensirionTicks.FromHumidity(Measure(Quantity.Humidity, measuredAt)));
}
