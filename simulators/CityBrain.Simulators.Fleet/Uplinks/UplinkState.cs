using CityBrain.Edge.Health;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>What an uplink knows of its gateway's link and outbox, for the gateway's health report.</summary>
/// <param name="Broker">The broker (host:port) the link is connected to.</param>
/// <param name="Failovers">Connects to another broker than the one before.</param>
public sealed record UplinkState(string Broker, long Failovers, OutboxSnapshot Outbox);
