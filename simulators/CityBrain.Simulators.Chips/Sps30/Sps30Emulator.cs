using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sps30;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;
using static CityBrain.Edge.Sensors.Sps30.Sps30Commands;

namespace CityBrain.Simulators.Chips.Sps30;

/// <summary>An SPS30 on I2C (SEL to GND), at 0x69: the chip's <see cref="Sps30Chip"/> behind 16-bit commands, each
/// answer readable once after its execution time; an unknown command, a wrong number of argument words or a command
/// the chip's mode does not allow is NACKed. A sleeping chip NACKs the first transfer, which switches its interface on
/// for 100 ms, and then takes only the wake-up.</summary>
public sealed class Sps30Emulator : SensirionChipEmulator
{
    private DateTimeOffset? _interfaceOnUntil;

    public Sps30Emulator(IAmbient ambient, TimeProvider time, int busId = 1, int address = Sps30Commands.Address, string serialNumber = "3A9F27C5E1B40D86", byte firmwareMajor = 2, byte firmwareMinor = 2)
        : base(ambient, time, busId, address, commandBytes: 2)
    {
        Chip = new Sps30Chip(time, Measure, serialNumber, firmwareMajor, firmwareMinor);
    }

    /// <summary>The chip's state, for tests to inject faults and look at.</summary>
    public Sps30Chip Chip { get; }

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        ClearAnswer();
        Chip.PowerUp();
        _interfaceOnUntil = null;
    }

    protected override void OnCommand(int command, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        ClearAnswer();
        var code = (ushort)command;
        if (Chip.Mode == Sps30Mode.Sleeping)
        {
            if (!(now <= _interfaceOnUntil))
            {
                _interfaceOnUntil = now + WakeWindow;
                throw Nack("asleep: this transfer only switched the interface on");
            }
            if (code != OverI2c.WakeUp) throw Nack($"command 0x{code:X4} while asleep: only the wake-up is taken");
        }
        try
        {
            Execute(code, arguments, now);
        }
        catch (Sps30Refusal refusal)
        {
            throw Nack(refusal.Message);
        }
    }

    private void Execute(ushort code, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        var reply = now + ReadTime;
        switch (code, arguments.Length)
        {
            case (OverI2c.StartMeasurement, 1):
                Chip.Start(now, (byte)(arguments[0] >> 8));
                break;
            case (OverI2c.StopMeasurement, 0):
                Chip.Stop();
                break;
            case (OverI2c.ReadDataReady, 0):
                Answer(reply, Chip.DataReady(now) ? (ushort)1 : (ushort)0);
                break;
            case (OverI2c.ReadMeasuredValues, 0):
                if (Chip.TakeMeasurement(now) is { } measurement) Answer(reply, measurement.ToWords());
                break;
            case (OverI2c.Sleep, 0):
                Chip.Sleep();
                break;
            case (OverI2c.WakeUp, 0):
                Chip.WakeUp();
                _interfaceOnUntil = null;
                break;
            case (OverI2c.StartFanCleaning, 0):
                Chip.StartFanCleaning(now);
                break;
            case (OverI2c.AutoCleaningInterval, 0):
                Answer(now + ShortCommandTime, (ushort)(Chip.CleaningIntervalSeconds >> 16), (ushort)Chip.CleaningIntervalSeconds);
                break;
            case (OverI2c.AutoCleaningInterval, 2):
                Chip.WriteCleaningInterval((uint)arguments[0] << 16 | arguments[1]);
                break;
            case (OverI2c.ReadProductType, 0):
                // Eight characters fill the four words: no NUL.
                Answer(reply, SensirionWords.FromText(ProductType, OverI2c.ProductTypeWords + 1)[..OverI2c.ProductTypeWords]);
                break;
            case (OverI2c.ReadSerialNumber, 0):
                Answer(reply, SensirionWords.FromText(Chip.SerialNumber, OverI2c.SerialNumberWords));
                break;
            case (OverI2c.ReadVersion, 0):
                Answer(reply, (ushort)(Chip.Firmware.Major << 8 | Chip.Firmware.Minor));
                break;
            case (OverI2c.ReadStatusRegister, 0):
                var status = Chip.Status(now, clear: false);
                Answer(reply, (ushort)(status >> 16), (ushort)status);
                break;
            case (OverI2c.ClearStatusRegister, 0):
                Chip.Status(now, clear: true);
                break;
            case (OverI2c.Reset, 0):
                Chip.Reset();
                break;
            default:
                throw Nack($"unknown command 0x{code:X4} with {arguments.Length} argument word(s)");
        }
    }
}
