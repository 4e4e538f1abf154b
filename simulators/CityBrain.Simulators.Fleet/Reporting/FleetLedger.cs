using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.GroundTruth;
using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Reporting;

/// <summary>Where uplinks report what became of each connection and message: the counters, and the ground truth when
/// one is kept. The ground truth holds only reports the broker acknowledged, because only those can reach the cluster's
/// indicators.</summary>
public sealed class FleetLedger(FleetCounters counters, GroundTruthRecorder? truth = null)
{
    public FleetCounters Counters => counters;

    public void LinkProblem(GatewaySite site, string reason) => counters.LinkProblem($"{site.DeviceId}: {reason}");

    public void Dropped() => counters.Dropped();

    public void Delivered(GatewaySite site, OutgoingMessage message, DeliveryOutcome outcome, int payloadBytes)
    {
        counters.Delivered(message.Kind, outcome, payloadBytes);
        if (outcome.Status == DeliveryStatus.Acknowledged && message.Kind is MessageKind.Report or MessageKind.Skewed)
        {
            truth?.Record(site, message.Report);
        }
    }
}
