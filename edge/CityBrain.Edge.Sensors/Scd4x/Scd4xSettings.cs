using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Scd4x;

/// <summary>Configuration of an SCD4x (section <c>Scd4x</c>). Settings go to the chip's RAM at every set-up and are
/// never persisted: its EEPROM lasts about 2000 writes.</summary>
public sealed class Scd4xSettings
{
    public Scd4xMode Mode { get; set; } = Scd4xMode.Periodic;

    /// <summary>How much warmer the chip is than the air in its housing (°C); null keeps the chip's (4 °C by default).</summary>
    public double? TemperatureOffset { get; set; }

    /// <summary>The site's pressure for the CO₂ compensation (hPa). Better: feed live pressure with
    /// <see cref="Scd4xSensor.SetAmbientPressureAsync"/>. Overrides <see cref="AltitudeMetres"/>.</summary>
    public double? AmbientPressureHPa { get; set; }

    /// <summary>The site's altitude, used by the chip when no pressure is given.</summary>
    public int? AltitudeMetres { get; set; }

    /// <summary>Automatic self-calibration (assumes the sensor sees fresh air, 400 ppm, at least once a week); null
    /// keeps the chip's setting (on by default).</summary>
    public bool? AutomaticSelfCalibration { get; set; }

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (TemperatureOffset is < 0 or > 20) yield return (nameof(TemperatureOffset), $"must be 0..20 °C (got {TemperatureOffset})");
        foreach (var problem in PressureCompensation.Validate(nameof(AmbientPressureHPa), AmbientPressureHPa)) yield return problem;
        if (AltitudeMetres is < 0 or > 3000) yield return (nameof(AltitudeMetres), $"must be 0..3000 m (got {AltitudeMetres})");
    }
}
