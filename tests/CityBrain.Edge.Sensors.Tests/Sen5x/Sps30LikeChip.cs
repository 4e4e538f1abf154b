using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Edge.Sensors.Tests.Sen5x;

/// <summary>The other Sensirion chip at 0x69, as far as telling it apart matters: an SPS30 answers its product type
/// (0xD002, "00080000") and serial number (0xD033), and NACKs the SEN5x's product-name command like every command it
/// does not know.</summary>
public sealed class Sps30LikeChip(TimeProvider time) : SensirionChipEmulator(new Ambient(), time, 1, 0x69, commandBytes: 2)
{
    protected override void PowerUp(DateTimeOffset poweredAt) => ClearAnswer();

    protected override void OnCommand(int command, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        switch (command)
        {
            case 0xD002: Answer(now, SensirionWords.FromText("00080000", 16)); break;
            case 0xD033: Answer(now, SensirionWords.FromText("A4B2C3D4E5F60718", 16)); break;
            default: throw Nack($"unknown command 0x{command:X4}");
        }
    }
}
