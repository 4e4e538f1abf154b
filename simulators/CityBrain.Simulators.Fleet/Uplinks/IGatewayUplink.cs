namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>How one simulated gateway's messages reach the broker. Implementations report every outcome (acknowledged,
/// refused, lost) to the fleet's ledger and never throw for a refusal or a lost link: a fleet of thousands keeps going
/// whatever happens to one of its gateways.</summary>
public interface IGatewayUplink : IAsyncDisposable
{
    /// <summary>Whether the gateway has a working link to the broker right now.</summary>
    bool IsConnected { get; }

    /// <summary>Comes online (connects and announces itself, or joins a shared connection); false when it could not.</summary>
    Task<bool> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Publishes one message and records what became of it.</summary>
    Task DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>Publishes the gateway's health, as <paramref name="health"/> builds it from what the uplink knows of the
    /// link and the outbox, on the gateway's health topic. False when the link is down or the broker did not acknowledge
    /// it; a real gateway does not keep a health report either, the next one says more.</summary>
    Task<bool> PublishHealthAsync(Func<UplinkState, Contracts.Payloads.Health> health, CancellationToken cancellationToken);

    /// <summary>Publishes a gateway's history in the order given, and returns once every report is settled (acknowledged,
    /// refused or given up on); false when the gateway already has a history of its own and sent nothing. Without an
    /// outbox that numbers reports, each is published after the previous one's acknowledgement.</summary>
    async Task<bool> BackfillAsync(IReadOnlyList<OutgoingMessage> reports, CancellationToken cancellationToken)
    {
        foreach (var report in reports) await DeliverAsync(report, cancellationToken);
        return true;
    }

    /// <summary>Loses the link without a goodbye, as in a power cut: the broker publishes the gateway's last will, and
    /// until <see cref="OpenAsync"/> nothing is delivered.</summary>
    Task DropAsync();

    /// <summary>Ends the run: says goodbye (the offline status first, since a clean disconnect discards the last will)
    /// and disconnects; a gateway still in an outage stays silent.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}

/// <summary>Makes the uplink of each gateway of a run; owns whatever the uplinks share.</summary>
public interface IUplinkFactory : IAsyncDisposable
{
    /// <summary>Prepares shared resources (e.g. opens the shared connections) before any gateway starts.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    IGatewayUplink Create(Gateways.GatewaySite site);
}
