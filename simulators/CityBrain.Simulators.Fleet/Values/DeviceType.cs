using System.Collections.Frozen;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>A kind of gateway: the modules it carries, in the order its sampler prefers them (a quantity two modules
/// measure is read from the first), and what it reports when a scenario does not list its sensors.</summary>
/// <param name="SizeResolvedParticles">Its particle sizes come from one Sensirion optical sensor's single count, so
/// they are ordered and move together (classic stations keep the independent scatter per size they always had).</param>
public sealed record DeviceType(string Name, IReadOnlyList<SensorChip> Chips, IReadOnlyList<Quantity> Defaults, bool SizeResolvedParticles)
{
    /// <summary>Whether a module of this device measures <paramref name="quantity"/>.</summary>
    public bool Measures(Quantity quantity) => Chips.Any(c => c.Measures.Contains(quantity));

    /// <summary>The module a reading of <paramref name="quantity"/> names as its source.</summary>
    public string SensorOf(Quantity quantity) =>
        Chips.FirstOrDefault(c => c.Measures.Contains(quantity))?.Name
        ?? throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"a {Name} gateway has no sensor for this quantity");
}

/// <summary>The gateway kinds a scenario can mix in a district.</summary>
public static class DeviceTypes
{
    /// <summary>The twelve quantities the original stations report.</summary>
    public static readonly IReadOnlyList<Quantity> ClassicQuantities =
    [
        Quantity.Pm2_5, Quantity.Pm10, Quantity.No2, Quantity.So2, Quantity.O3, Quantity.Co, Quantity.Co2,
        Quantity.Temperature, Quantity.Humidity, Quantity.Pressure, Quantity.Noise, Quantity.Illuminance,
    ];

    private static readonly SensorChip[] Gases = [SensorChips.No2B43f, SensorChips.OxB431, SensorChips.CoB4, SensorChips.So2B4];
    private static readonly SensorChip[] Street = [SensorChips.Sen0232, SensorChips.Bh1750];

    /// <summary>PMS5003 particulates, BME280 climate, SCD41 CO2, Alphasense electrochemical gases, noise and light.</summary>
    public static readonly DeviceType Classic = new("classic",
        [SensorChips.Pms5003, SensorChips.Bme280, SensorChips.Scd41, .. Gases, .. Street], ClassicQuantities, SizeResolvedParticles: false);

    /// <summary>A SEN66 for particulate mass, climate, CO2 and the VOC and NOx indices, an SPS30 for number
    /// concentrations, a BME280 left for pressure, and the classic station's gases, noise and light.</summary>
    public static readonly DeviceType Modern = new("modern",
        [SensorChips.Sen66, SensorChips.Sps30, SensorChips.Bme280, .. Gases, .. Street],
        [
            .. ClassicQuantities, Quantity.Pm1, Quantity.Pm4, Quantity.VocIndex, Quantity.NoxIndex,
            Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10,
        ],
        SizeResolvedParticles: true);

    /// <summary>A classic station with an SGP41 added, publishing its raw VOC and NOx signals.</summary>
    public static readonly DeviceType ClassicSgp41 = Classic with
    {
        Name = "classic-sgp41",
        Chips = [.. Classic.Chips, SensorChips.Sgp41],
        Defaults = [.. ClassicQuantities, Quantity.VocRaw, Quantity.NoxRaw],
    };

    public static readonly IReadOnlyList<DeviceType> All = [Classic, Modern, ClassicSgp41];

    public static readonly FrozenDictionary<string, DeviceType> ByName = All.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
}
