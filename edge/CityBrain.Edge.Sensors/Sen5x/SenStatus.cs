using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sensors.Sen5x;

/// <summary>The device status register (0xD206) of a SEN5x or SEN66 and what it means for each quantity. Error flags
/// are sticky (they stay until read-and-clear or a reset), warnings clear themselves.</summary>
/// <remarks>Decision: a flag never throws. The module is several sensors in one housing, and one failing part (the
/// fan, the gas sensor) says nothing about the others, so each sample gets the quality its own part deserves: an
/// error of the part that measures it makes it <see cref="Quality.Invalid"/>, a warning of that part or an error of a
/// part its compensation depends on makes it <see cref="Quality.Suspect"/>, each with the flag as its reason.</remarks>
public readonly record struct SenStatus(uint Value)
{
    /// <summary>Fan speed out of its range (warning; the SEN66 sets it at more than 10 % off target).</summary>
    public const int FanSpeedWarningBit = 21;

    /// <summary>SEN5x: the fan is cleaning itself; no new data meanwhile.</summary>
    public const int FanCleaningBit = 19;

    /// <summary>SEN66: particle sensor error.</summary>
    public const int PmErrorBit = 11;

    /// <summary>SEN66: CO₂ sensor error.</summary>
    public const int Co2ErrorBit = 9;

    /// <summary>VOC/NOx gas sensor error.</summary>
    public const int GasErrorBit = 7;

    /// <summary>Humidity/temperature sensor error.</summary>
    public const int RhtErrorBit = 6;

    /// <summary>SEN5x: laser current out of range.</summary>
    public const int LaserErrorBit = 5;

    /// <summary>The fan is switched on but turns at 0 rpm (blocked or broken).</summary>
    public const int FanErrorBit = 4;

    public bool FanCleaning => Has(FanCleaningBit);

    public static uint Flag(int bit) => 1u << bit;

    /// <summary>The quality of a sample of <paramref name="quantity"/> under this status, with the flags as reason.</summary>
    public (Quality Quality, string? Reason) Assess(Quantity quantity)
    {
        var invalid = new List<string>();
        var suspect = new List<string>();
        var particles = quantity is Quantity.Pm1 or Quantity.Pm2_5 or Quantity.Pm4 or Quantity.Pm10
            or Quantity.Nc0_5 or Quantity.Nc1 or Quantity.Nc2_5 or Quantity.Nc4 or Quantity.Nc10;
        var climate = quantity is Quantity.Temperature or Quantity.Humidity;
        var gas = quantity is Quantity.VocIndex or Quantity.NoxIndex;
        if (Has(FanErrorBit)) (particles ? invalid : suspect).Add("fan error: the fan stands still (blocked or broken), no air flows through the module");
        if (Has(LaserErrorBit) && particles) invalid.Add("laser failure: laser current out of range");
        if (Has(PmErrorBit) && particles) invalid.Add("particle sensor error");
        if (Has(FanSpeedWarningBit) && particles) suspect.Add("fan speed out of range");
        if (Has(RhtErrorBit) && (climate || gas || quantity == Quantity.Co2))
        {
            (climate ? invalid : suspect).Add("humidity/temperature sensor error (the gas compensation uses it)");
        }
        if (Has(GasErrorBit) && (gas || climate)) (gas ? invalid : suspect).Add("VOC/NOx gas sensor error");
        if (Has(Co2ErrorBit) && (quantity == Quantity.Co2 || climate)) (quantity == Quantity.Co2 ? invalid : suspect).Add("CO₂ sensor error");
        return invalid.Count > 0 ? (Quality.Invalid, Reason(invalid))
            : suspect.Count > 0 ? (Quality.Suspect, Reason(suspect))
            : (Quality.Ok, null);
    }

    public override string ToString() => $"0x{Value:X8}";

    private bool Has(int bit) => (Value & Flag(bit)) != 0;

    private string Reason(List<string> flags) => $"device status {this}: {string.Join("; ", flags)}";
}
