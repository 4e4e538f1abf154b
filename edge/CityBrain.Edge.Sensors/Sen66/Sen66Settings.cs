using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Sen66;

/// <summary>Configuration of a SEN66 (section <c>Sen66</c>). Every setting goes to the chip's RAM at each set-up.</summary>
public sealed class Sen66Settings
{
    /// <summary>Added to the module's temperature (°C), e.g. −1.5 when the housing warms it by 1.5 °C; null keeps the
    /// chip's (0).</summary>
    public double? TemperatureOffset { get; set; }

    /// <summary>The site's pressure for the CO₂ compensation (hPa). Better: live pressure through
    /// <see cref="Sen66Sensor.SetAmbientPressureAsync"/> or the gateway's compensation. Overrides
    /// <see cref="AltitudeMetres"/>.</summary>
    public double? AmbientPressureHPa { get; set; }

    /// <summary>The site's altitude, used by the chip when no pressure is given.</summary>
    public int? AltitudeMetres { get; set; }

    /// <summary>The CO₂ sensor's automatic self-calibration (assumes fresh air, about 400 ppm, now and then); null
    /// keeps the chip's (on).</summary>
    public bool? AutomaticSelfCalibration { get; set; }

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (TemperatureOffset is < -20 or > 20) yield return (nameof(TemperatureOffset), $"must be -20..20 °C (got {TemperatureOffset})");
        foreach (var problem in PressureCompensation.Validate(nameof(AmbientPressureHPa), AmbientPressureHPa)) yield return problem;
        if (AltitudeMetres is < 0 or > Sen66Commands.MaxAltitude) yield return (nameof(AltitudeMetres), $"must be 0..{Sen66Commands.MaxAltitude} m (got {AltitudeMetres})");
    }
}
