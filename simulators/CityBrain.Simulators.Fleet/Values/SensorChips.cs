using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>A sensor module a gateway carries, named as the gateway's driver names it, with the quantities it is read
/// for.</summary>
public sealed record SensorChip(string Name, IReadOnlyList<Quantity> Measures);

/// <summary>The modules of the project's driver reference that simulated gateways carry.</summary>
public static class SensorChips
{
    public static readonly SensorChip Pms5003 = new("pms5003", [Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm10]);
    public static readonly SensorChip Bme280 = new("bme280", [Quantity.Temperature, Quantity.Humidity, Quantity.Pressure]);
    public static readonly SensorChip Scd41 = new("scd41", [Quantity.Co2]);
    public static readonly SensorChip No2B43f = new("no2-b43f", [Quantity.No2]);
    public static readonly SensorChip OxB431 = new("ox-b431", [Quantity.O3]);
    public static readonly SensorChip CoB4 = new("co-b4", [Quantity.Co]);
    public static readonly SensorChip So2B4 = new("so2-b4", [Quantity.So2]);
    public static readonly SensorChip Sen0232 = new("sen0232", [Quantity.Noise]);
    public static readonly SensorChip Bh1750 = new("bh1750", [Quantity.Illuminance]);

    /// <summary>Sensirion's all-in-one module: particulate mass in four sizes, climate, CO2 and the two gas indices.</summary>
    public static readonly SensorChip Sen66 = new("sen66",
    [
        Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Temperature, Quantity.Humidity,
        Quantity.VocIndex, Quantity.NoxIndex, Quantity.Co2,
    ]);

    /// <summary>Sensirion's particulate sensor, read on a modern station for its number concentrations.</summary>
    public static readonly SensorChip Sps30 = new("sps30",
    [
        Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10,
        Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10,
    ]);

    /// <summary>Sensirion's VOC/NOx sensor, whose raw signals the gateway publishes as they are.</summary>
    public static readonly SensorChip Sgp41 = new("sgp41", [Quantity.VocRaw, Quantity.NoxRaw]);
}
