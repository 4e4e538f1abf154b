namespace CityBrain.Host.Cockpit;

/// <summary>One server-sent event: <see cref="Type"/> is the SSE event name, <see cref="Data"/> its JSON body,
/// <see cref="Version"/> (the SSE id) the version of the region it brings a page to.</summary>
public sealed record CockpitEvent(string Type, string Data, long? Version = null)
{
    public const string Region = "region";
    public const string Patch = "patch";
    public const string Heartbeat = "heartbeat";
}
