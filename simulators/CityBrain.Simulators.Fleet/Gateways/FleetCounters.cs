namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>What the fleet did so far, for the progress line and the final summary.</summary>
public sealed class FleetCounters
{
    private long _connected, _published, _refused, _errors;

    public long ConnectedNow => Interlocked.Read(ref _connected);

    public long PublishedTotal => Interlocked.Read(ref _published);

    public long RefusedTotal => Interlocked.Read(ref _refused);

    public long ErrorsTotal => Interlocked.Read(ref _errors);

    public string? LastRefusal { get; private set; }

    public void Connected() => Interlocked.Increment(ref _connected);

    public void Disconnected() => Interlocked.Decrement(ref _connected);

    public void Published() => Interlocked.Increment(ref _published);

    public void Refused(string? reason)
    {
        Interlocked.Increment(ref _refused);
        LastRefusal = reason;
    }

    public void Error() => Interlocked.Increment(ref _errors);
}
