using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sen5x;

namespace CityBrain.Edge.Sensors.Sen66;

/// <summary>What only the SEN66 has, from Sensirion's SEN6x interface description: its measured-values command
/// (9 words, with CO₂), number concentrations, the CO₂ sensor's pressure compensation and self-calibration, and its
/// timings.</summary>
public static class Sen66Commands
{
    /// <summary>PM1, PM2.5, PM4, PM10, RH, T, VOC index, NOx index, CO₂.</summary>
    public const ushort ReadMeasuredValues = 0x0300;

    /// <summary>Number concentrations NC0.5, NC1, NC2.5, NC4, NC10 (#/cm³ × 10).</summary>
    public const ushort ReadNumberConcentrations = 0x0316;

    /// <summary>With a word (hPa): set the ambient pressure for the CO₂ compensation; without: read it.</summary>
    public const ushort AmbientPressure = 0x6720;

    /// <summary>With a word (m): set the altitude used when no pressure is given; without: read it.</summary>
    public const ushort SensorAltitude = 0x6736;

    /// <summary>With a word (1 on, 0 off): the CO₂ sensor's automatic self-calibration; without: read it.</summary>
    public const ushort AutomaticSelfCalibration = 0x6711;

    public const int NumberConcentrationWords = 5;

    /// <summary>After a stop, wait this long before the next start.</summary>
    public static readonly TimeSpan StopTime = TimeSpan.FromMilliseconds(1000);

    public static readonly TimeSpan TextTime = SenCommands.CommandTime;

    public const double DefaultPressure = 1013;

    /// <summary>Altitude the chip accepts: 0..3000 m.</summary>
    public const int MaxAltitude = 3000;

    /// <summary>The temperature offset slot the driver writes (the chip adds up five).</summary>
    public const ushort OffsetSlot = 0;

    public static readonly SenFamily Family = new(
        "SEN66",
        new Dictionary<string, IReadOnlyList<Quantity>>
        {
            ["SEN66"] =
            [
                Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Humidity, Quantity.Temperature,
                Quantity.VocIndex, Quantity.NoxIndex, Quantity.Co2,
                Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10,
            ],
        },
        ReadMeasuredValues, 9, TextTime, StopTime, FirstMeasurement: TimeSpan.FromMilliseconds(1100));

}
