namespace CityBrain.SensorThings.Http;

/// <summary>The conformance classes the root document lists (<c>serverSettings.conformance</c>): the read side's, and
/// whatever an extension registered beside it adds (the MQTT extension adds its own).</summary>
public sealed class StaConformance
{
    private readonly List<string> _classes =
    [
        "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
        "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
        "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data",
    ];

    public IReadOnlyList<string> Classes
    {
        get
        {
            lock (_classes) return [.. _classes];
        }
    }

    public void Add(string conformanceClass)
    {
        lock (_classes)
        {
            if (!_classes.Contains(conformanceClass)) _classes.Add(conformanceClass);
        }
    }
}
