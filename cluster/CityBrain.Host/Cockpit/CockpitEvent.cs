namespace CityBrain.Host.Cockpit;

/// <summary>One server-sent event: <see cref="Type"/> is the SSE event name, <see cref="Data"/> its JSON body.</summary>
public sealed record CockpitEvent(string Type, string Data)
{
    public const string Region = "region";
    public const string Heartbeat = "heartbeat";
}
