using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Sgp41;

/// <summary>What the SGP41 driver says in the gateway's log.</summary>
internal static partial class Sgp41Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sensor {Sensor} conditions its NOx pixel for {Duration}")]
    public static partial void Conditioning(ILogger logger, string sensor, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sensor {Sensor} could not switch its heater off ({Error}): it stays on until the chip loses power")]
    public static partial void HeaterLeftOn(ILogger logger, string sensor, string error);
}
