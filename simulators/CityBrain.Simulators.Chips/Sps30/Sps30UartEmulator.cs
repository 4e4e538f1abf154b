using System.Buffers.Binary;
using System.Text;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sps30;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Uart;
using static CityBrain.Edge.Sensors.Sps30.Sps30Commands;

namespace CityBrain.Simulators.Chips.Sps30;

/// <summary>An SPS30 on its UART (SEL floating), 115200 8N1: the chip's <see cref="Sps30Chip"/> behind SHDLC frames.
/// Every well-formed command is answered with a frame naming it; a refused one with the state byte of the refusal
/// (0x01 wrong length, 0x02 unknown command, 0x04 illegal parameter, 0x43 not allowed in the current state) and no data.
/// A sleeping chip answers nothing but the wake-up (the 0xFF pulse before it is not modelled). Answers leave one
/// transmission time (10 bits a byte) after the command.</summary>
public sealed class Sps30UartEmulator : UartEmulator
{
    public Sps30UartEmulator(IAmbient ambient, TimeProvider time, string serialNumber = "8C2B4F61D0A97E35", byte firmwareMajor = 2, byte firmwareMinor = 2, int seed = 30)
        : base(ambient, time, ShdlcFrameFormat.Mosi, Sps30Commands.BaudRate, seed)
    {
        Chip = new Sps30Chip(time, Measure, serialNumber, firmwareMajor, firmwareMinor);
    }

    /// <summary>The chip's state, for tests to inject faults and look at.</summary>
    public Sps30Chip Chip { get; }

    /// <summary>The SPS30 speaks only when asked.</summary>
    protected override TimeSpan? ReportInterval => null;

    /// <summary>The checksum sits before the closing flag.</summary>
    protected override int ChecksumFromEnd => 2;

    protected override void PowerUp(DateTimeOffset poweredAt) => Chip.PowerUp();

    protected override void OnCommand(byte[] frame, DateTimeOffset now)
    {
        var command = ShdlcFrameFormat.Mosi.Parse(frame);
        if (Chip.Mode == Sps30Mode.Sleeping && command.Command != OverUart.WakeUp) return;
        byte state = 0;
        byte[] data;
        try
        {
            data = Execute(command.Command, command.Data, now);
        }
        catch (Sps30Refusal refusal)
        {
            (state, data) = (refusal.State, []);
        }
        var answer = Shdlc.Miso(command.Command, state, data);
        Send(answer, now + TimeSpan.FromSeconds(answer.Length * 10.0 / BaudRate));
    }

    /// <summary>Never called: <see cref="ReportInterval"/> is null.</summary>
    protected override byte[] Report(DateTimeOffset at) => throw new NotSupportedException("the SPS30 never reports on its own");

    private byte[] Execute(byte command, byte[] data, DateTimeOffset now)
    {
        switch (command, data.Length)
        {
            case (OverUart.StartMeasurement, 2):
                if (data[0] != 0x01) throw new Sps30Refusal(Sps30Refusal.IllegalParameter, $"start measurement sub-command 0x{data[0]:X2}");
                Chip.Start(now, data[1]);
                return [];
            case (OverUart.StopMeasurement, 0):
                Chip.Stop();
                return [];
            case (OverUart.ReadMeasuredValues, 0):
                return Chip.TakeMeasurement(now)?.ToBytes() ?? [];
            case (OverUart.Sleep, 0):
                Chip.Sleep();
                return [];
            case (OverUart.WakeUp, 0):
                Chip.WakeUp();
                return [];
            case (OverUart.StartFanCleaning, 0):
                Chip.StartFanCleaning(now);
                return [];
            case (OverUart.AutoCleaningInterval, 1 or 5):
                if (data[0] != 0x00) throw new Sps30Refusal(Sps30Refusal.IllegalParameter, $"cleaning interval sub-command 0x{data[0]:X2}");
                if (data.Length == 5)
                {
                    Chip.WriteCleaningInterval(BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(1)));
                    return [];
                }
                var interval = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(interval, Chip.CleaningIntervalSeconds);
                return interval;
            case (OverUart.DeviceInformation, 1):
                return data[0] switch
                {
                    OverUart.ProductTypeInfo => Text(ProductType),
                    OverUart.SerialNumberInfo => Text(Chip.SerialNumber),
                    _ => throw new Sps30Refusal(Sps30Refusal.IllegalParameter, $"device information 0x{data[0]:X2}"),
                };
            case (OverUart.ReadVersion, 0):
                // Firmware, reserved, hardware revision 7, reserved, SHDLC 2.0.
                return [Chip.Firmware.Major, Chip.Firmware.Minor, 0, 7, 0, 2, 0];
            case (OverUart.ReadStatusRegister, 1):
                var status = new byte[5];
                BinaryPrimitives.WriteUInt32BigEndian(status, Chip.Status(now, clear: data[0] == 1));
                return status;
            case (OverUart.Reset, 0):
                Chip.Reset();
                return [];
            case (OverUart.StartMeasurement or OverUart.StopMeasurement or OverUart.ReadMeasuredValues or OverUart.Sleep or OverUart.WakeUp or OverUart.StartFanCleaning
                or OverUart.AutoCleaningInterval or OverUart.DeviceInformation or OverUart.ReadVersion or OverUart.ReadStatusRegister or OverUart.Reset, _):
                throw new Sps30Refusal(Sps30Refusal.WrongLength, $"{data.Length} data bytes for command 0x{command:X2}");
            default:
                throw new Sps30Refusal(Sps30Refusal.UnknownCommand, $"unknown command 0x{command:X2}");
        }
    }

    /// <summary>NUL-ended ASCII, as the chip sends its device information.</summary>
    private static byte[] Text(string text) => [.. Encoding.ASCII.GetBytes(text), 0];
}
