using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>Where one simulated gateway stands and what it measures. Its values depend on its id, never on its
/// position in a list, so adding gateways to a district does not change what the others report.</summary>
/// <param name="Site">The site its health report announces.</param>
public sealed record GatewaySite(string DeviceId, DistrictScenario District, int DistrictIndex, DeviceType Device, IReadOnlyList<Quantity> Sensors,
    Site? Site = null)
{
    internal ulong Key { get; } = SeededNoise.Hash(DeviceId);

    public string TelemetryTopic { get; } = TopicAddress.Build(District.Id, DeviceId, TopicKind.Telemetry);

    public string StatusTopic { get; } = TopicAddress.Build(District.Id, DeviceId, TopicKind.Status);

    public string HealthTopic { get; } = TopicAddress.Build(District.Id, DeviceId, TopicKind.Health);
}
