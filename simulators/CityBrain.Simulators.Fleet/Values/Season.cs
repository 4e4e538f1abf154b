namespace CityBrain.Simulators.Fleet.Values;

/// <summary>Where in the year a day is, for a mid-latitude northern city: winter brings heating emissions and
/// stagnant air, summer brings ozone.</summary>
internal readonly record struct Season(int DayOfYear)
{
    /// <summary>+1 in mid-January, −1 in mid-July.</summary>
    public double Winter => Math.Cos(2 * Math.PI * (DayOfYear - 15) / 365.25);

    /// <summary>Coal and gas heating, 0 outside the heating season (mid-November to mid-March), 1 in deep winter.</summary>
    public double Heating => Math.Clamp((Winter - 0.45) / 0.55, 0, 1);

    /// <summary>How strongly sunlight makes ozone: 0.3 in mid-winter, 1 in mid-summer.</summary>
    public double OzoneSeason => 0.3 + 0.7 * (0.5 - 0.5 * Winter);

    /// <summary>Daily mean temperature of a continental climate near 40° N (about −3 °C in January, 28 °C in July).</summary>
    public double MeanTemperature => 12.5 - 15.5 * Winter;

    /// <summary>Dry winters, humid monsoon summers.</summary>
    public double MeanHumidity => 52 - 17 * Winter;

    /// <summary>Solar declination in degrees.</summary>
    public double Declination => 23.44 * Math.Sin(2 * Math.PI * (284 + DayOfYear) / 365);
}
