namespace CityBrain.Edge.Sensors.Pms5003;

/// <summary>Passive: the chip measures continuously but sends a frame only when asked, so each read gets a frame made
/// now. Active (the chip's power-on mode): it sends a frame every 0.2–2.3 s on its own and the driver takes the newest.</summary>
public enum Pms5003Mode
{
    Passive,
    Active,
}

/// <summary>Configuration of a PMS5003 (section <c>Pms5003</c>).</summary>
public sealed class Pms5003Settings
{
    public Pms5003Mode Mode { get; set; } = Pms5003Mode.Passive;
}
