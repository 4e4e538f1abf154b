using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Indicators.Validity;

/// <summary>One reported value of one quantity as a gateway sends it: the mean over a report window.</summary>
/// <param name="Start">UTC start of the report window (the telemetry timestamp).</param>
/// <param name="WindowSeconds">Length of the window; a window may straddle an hour boundary and then counts in both
/// hours for the part it covers; a window of no length covers nothing and is ignored.</param>
/// <param name="Value">Absent only for <see cref="Quality.Invalid"/>.</param>
public readonly record struct WindowReading(DateTimeOffset Start, int WindowSeconds, double? Value, Quality Quality)
{
    public DateTimeOffset End => Start.AddSeconds(WindowSeconds);

    /// <summary>Only an ok reading with a value enters a mean.</summary>
    public bool IsUsable => Quality == Quality.Ok && Value is not null && WindowSeconds > 0;
}

/// <summary>How values of a quantity combine into a mean.</summary>
public enum MeanKind
{
    Arithmetic,

    /// <summary>Sound levels: the mean of the energies 10^(L/10), back in decibels.</summary>
    Energy,
}

public static class MeanKinds
{
    public static MeanKind For(Quantity quantity) => quantity == Quantity.Noise ? MeanKind.Energy : MeanKind.Arithmetic;
}
