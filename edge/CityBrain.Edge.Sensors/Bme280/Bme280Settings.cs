namespace CityBrain.Edge.Sensors.Bme280;

/// <summary>Configuration of a BME280 or BMP280 (section <c>Bme280</c>). The defaults are the datasheet's
/// recommendation for weather monitoring: forced mode, ×1 oversampling, filter off.</summary>
public sealed class Bme280Settings
{
    public Bme280Mode Mode { get; set; } = Bme280Mode.Forced;

    public Bme280Oversampling TemperatureOversampling { get; set; } = Bme280Oversampling.X1;

    /// <summary><see cref="Bme280Oversampling.Skipped"/> leaves pressure out of the readings.</summary>
    public Bme280Oversampling PressureOversampling { get; set; } = Bme280Oversampling.X1;

    /// <summary><see cref="Bme280Oversampling.Skipped"/> leaves humidity out (a BMP280 has none anyway).</summary>
    public Bme280Oversampling HumidityOversampling { get; set; } = Bme280Oversampling.X1;

    public Bme280Filter Filter { get; set; } = Bme280Filter.Off;

    /// <summary>Normal mode only: the pause between the chip's own measurements.</summary>
    public Bme280Standby Standby { get; set; } = Bme280Standby.Ms1000;

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (TemperatureOversampling == Bme280Oversampling.Skipped)
        {
            yield return (nameof(TemperatureOversampling), "cannot be Skipped: pressure and humidity are compensated with the temperature");
        }
    }
}
