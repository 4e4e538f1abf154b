using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sensors.Sps30;

/// <summary>The bits of the SPS30's 32-bit device status register the datasheet defines; the others are reserved.</summary>
[Flags]
public enum Sps30Status : uint
{
    None = 0,

    /// <summary>The fan is switched on but turns at 0 RPM (blocked or broken). Sticky: stays set until cleared.</summary>
    FanError = 1u << 4,

    /// <summary>The laser is switched on but its current is out of range (defective, or far too hot). Sticky.</summary>
    LaserError = 1u << 5,

    /// <summary>The fan's speed is more than 10 % off its target, e.g. while it starts in great cold or heat, or when
    /// the supply is weak. Clears itself once the speed is right.</summary>
    SpeedWarning = 1u << 21,
}

/// <summary>What the status register means for the values measured with it.</summary>
public static class Sps30StatusAssessment
{
    /// <summary>Every defined flag makes the values suspect, never an error: the chip still measures, but a blocked fan
    /// draws no fresh air, a failing laser sees particles wrongly and a fan at the wrong speed draws the wrong volume.
    /// The sample goes out flagged with the reason, so a technician sees it in the readings and the health.</summary>
    public static (Quality Quality, string? Reason) Assess(Sps30Status status)
    {
        var problems = new List<string>();
        if (status.HasFlag(Sps30Status.FanError)) problems.Add("fan error: the fan turns at 0 RPM (blocked or broken), the values are most likely wrong");
        if (status.HasFlag(Sps30Status.LaserError)) problems.Add("laser error: the laser current is out of range, the values may be wrong");
        if (status.HasFlag(Sps30Status.SpeedWarning)) problems.Add("fan speed warning: the fan is more than 10 % off its target speed (supply or fan problem if it persists)");
        return problems.Count == 0 ? (Quality.Ok, null) : (Quality.Suspect, string.Join("; ", problems));
    }
}
