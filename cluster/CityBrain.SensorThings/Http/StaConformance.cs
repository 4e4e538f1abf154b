namespace CityBrain.SensorThings.Http;

/// <summary>The conformance classes the root document lists (<c>serverSettings.conformance</c>): those of the read side,
/// and receiving new Observations over MQTT (<c>Mqtt/</c>).</summary>
public static class StaConformance
{
    public static IReadOnlyList<string> Classes { get; } =
    [
        "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
        "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
        "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data",
        "http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates",
    ];
}
