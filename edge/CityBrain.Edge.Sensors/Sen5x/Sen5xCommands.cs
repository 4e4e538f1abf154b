using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sensors.Sen5x;

/// <summary>What only the SEN5x (SEN50/54/55) has, from Sensirion's SEN5x interface description: its measured-values
/// command (8 words), the fan's auto-cleaning interval, and its timings.</summary>
public static class Sen5xCommands
{
    /// <summary>PM1, PM2.5, PM4, PM10, RH, T, VOC index, NOx index.</summary>
    public const ushort ReadMeasuredValues = 0x03C4;

    /// <summary>With 2 words (seconds, high word first): set the fan's auto-cleaning interval; without: read it.</summary>
    public const ushort AutoCleaningInterval = 0x8004;

    public static readonly TimeSpan StopTime = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan TextTime = TimeSpan.FromMilliseconds(50);

    /// <summary>The chip's default auto-cleaning interval: a week.</summary>
    public const uint DefaultCleaningIntervalSeconds = 604_800;

    /// <summary>The NOx index is unknown for about 10 s after power-on or a reset.</summary>
    public static readonly TimeSpan NoxStartUp = TimeSpan.FromSeconds(10);

    public static readonly SenFamily Family = new(
        "SEN5x",
        new Dictionary<string, IReadOnlyList<Quantity>>
        {
            ["SEN50"] = [Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10],
            ["SEN54"] = [Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Humidity, Quantity.Temperature, Quantity.VocIndex],
            ["SEN55"] = [Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Humidity, Quantity.Temperature, Quantity.VocIndex, Quantity.NoxIndex],
        },
        ReadMeasuredValues, 8, TextTime, StopTime, FirstMeasurement: TimeSpan.FromSeconds(1));
}
