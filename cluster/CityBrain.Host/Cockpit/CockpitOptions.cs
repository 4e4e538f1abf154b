using System.ComponentModel.DataAnnotations;

namespace CityBrain.Host.Cockpit;

/// <summary>How the cockpit's live stream behaves (section <c>Cockpit</c>).</summary>
public sealed class CockpitOptions
{
    public const string Section = "Cockpit";

    /// <summary>How often each region an open page shows is read; a change is pushed to every open page within this period.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A region's changes are sent at most this often: a screen read from across a room gains nothing from
    /// faster updates, and each one costs every open page its bytes. A page that connects gets the region at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An idle stream still carries a heartbeat this often, so pages and proxies can tell a quiet city from a
    /// dead connection.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events buffered per page; a page that falls further behind loses the oldest, finds that the next patch
    /// does not apply to what it holds, and reconnects for the whole region.</summary>
    [Range(1, 1000)]
    public int ClientBuffer { get; set; } = 8;

    /// <summary>How long a page waits before it reconnects after the stream broke (sent to the browser as <c>retry</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
