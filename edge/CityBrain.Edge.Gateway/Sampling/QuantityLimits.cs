using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sampling;

/// <summary>What a sample of one quantity from one sensor may plausibly be.</summary>
/// <param name="RatedMin">Lower end of the sensor's rated range; below it the value is suspect.</param>
/// <param name="MaxJump">Largest believable change between two consecutive samples; null for quantities that may
/// change instantly (sound, light).</param>
/// <param name="StuckAfter">Identical consecutive samples after which the sensor counts as stuck; 0 for quantities
/// whose resolution makes repeats normal (particle counts in whole µg/m³, darkness at 0 lx).</param>
public sealed record QuantityLimits(double RatedMin, double RatedMax, double? MaxJump, int StuckAfter)
{
    /// <summary>The defaults for a quantity measured by a chip of <paramref name="model"/>: the chip's datasheet
    /// range where it is known, else the range any sensor could report.</summary>
    public static QuantityLimits Default(Quantity quantity, string model)
    {
        var info = quantity.Info();
        var (min, max) = RatedRanges.TryGetValue((model.ToUpperInvariant(), quantity), out var rated) ? rated : (info.Min, info.Max);
        return quantity switch
        {
            Quantity.Temperature => new(min, max, 5, 60),
            Quantity.Humidity => new(min, max, 20, 60),
            Quantity.Pressure => new(min, max, 5, 60),
            Quantity.Pm1 or Quantity.Pm2_5 or Quantity.Pm4 or Quantity.Pm10 => new(min, max, 500, 0),
            Quantity.No2 or Quantity.So2 or Quantity.O3 => new(min, max, 500, 60),
            Quantity.Co => new(min, max, 20, 60),
            Quantity.Co2 => new(min, max, 1000, 0),
            Quantity.Noise => new(min, max, null, 60),
            _ => new(min, max, null, 0),
        };
    }

    /// <summary>Datasheet ranges by upper-case model and quantity, as each chip's README in CityBrain.Edge.Sensors
    /// states them.</summary>
    private static readonly Dictionary<(string Model, Quantity Quantity), (double Min, double Max)> RatedRanges = new()
    {
        [("SHT4X", Quantity.Temperature)] = (-40, 125),
        [("BME280", Quantity.Temperature)] = (-40, 85),
        [("BME280", Quantity.Pressure)] = (300, 1100),
        [("PMS5003", Quantity.Pm1)] = (0, 1000),
        [("PMS5003", Quantity.Pm2_5)] = (0, 1000),
        [("PMS5003", Quantity.Pm10)] = (0, 1000),
        [("SDS011", Quantity.Pm2_5)] = (0, 999.9),
        [("SDS011", Quantity.Pm10)] = (0, 999.9),
        [("SEN0232", Quantity.Noise)] = (30, 130),
        [("SPS30", Quantity.Pm1)] = (0, 1000),
        [("SPS30", Quantity.Pm2_5)] = (0, 1000),
        [("SPS30", Quantity.Pm4)] = (0, 1000),
        [("SPS30", Quantity.Pm10)] = (0, 1000),
        [("SPS30", Quantity.Nc0_5)] = (0, 3000),
        [("SPS30", Quantity.Nc1)] = (0, 3000),
        [("SPS30", Quantity.Nc2_5)] = (0, 3000),
        [("SPS30", Quantity.Nc4)] = (0, 3000),
        [("SPS30", Quantity.Nc10)] = (0, 3000),
    };
}
