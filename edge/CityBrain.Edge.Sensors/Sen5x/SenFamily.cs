using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sensors.Sen5x;

/// <summary>What differs between the SEN5x and the SEN66 where their flow is the same: the models and what each
/// measures, the measured-values command and its length, and the chip's timings.</summary>
/// <param name="Name">The family, e.g. <c>SEN5x</c>.</param>
/// <param name="Models">Each product name the chip answers, with the quantities that model measures.</param>
/// <param name="ReadMeasuredValues">The command that reads the measured values.</param>
/// <param name="MeasuredWords">How many words that command answers.</param>
/// <param name="TextTime">Execution time of the product-name and serial-number commands.</param>
/// <param name="StopTime">How long the chip is deaf after a stop.</param>
/// <param name="FirstMeasurement">From the start command to the first measurement.</param>
public sealed record SenFamily(
    string Name,
    IReadOnlyDictionary<string, IReadOnlyList<Quantity>> Models,
    ushort ReadMeasuredValues,
    int MeasuredWords,
    TimeSpan TextTime,
    TimeSpan StopTime,
    TimeSpan FirstMeasurement)
{
    public string ModelList => string.Join(", ", Models.Keys);
}
