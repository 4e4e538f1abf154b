using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Network;

/// <summary>What the cluster knows about one registered device, as the network-health indicators read it.</summary>
/// <param name="LastSeen">Last message of any kind (telemetry, status, health).</param>
/// <param name="SaidGoodbye">The retained status says offline (goodbye or the broker's last will).</param>
/// <param name="Quantities">The latest value of each quantity the device reports.</param>
/// <param name="ValidHourlyValues">Valid hourly means the device produced in the assessed span, all quantities together.</param>
/// <param name="ExpectedHourlyValues">Hourly means it should have produced in that span; see <see cref="ExpectedHours"/>.</param>
public sealed record DeviceObservation(
    string DeviceId,
    string DistrictId,
    DateTimeOffset? LastSeen,
    bool SaidGoodbye,
    IReadOnlyList<QuantityObservation> Quantities,
    int ValidHourlyValues,
    int ExpectedHourlyValues)
{
    /// <summary>Hourly values expected of a device registered at <paramref name="registeredAt"/> that reports
    /// <paramref name="quantities"/> quantities, over the whole clock hours of [<paramref name="from"/>,
    /// <paramref name="to"/>) after its registration.</summary>
    public static int ExpectedHours(LocalCalendar calendar, DateTimeOffset registeredAt, DateTimeOffset from, DateTimeOffset to, int quantities) =>
        quantities * calendar.WholeHoursBetween(registeredAt > from ? registeredAt : from, to);
}

/// <param name="UpdatedAt">End of the report window of the latest value.</param>
/// <param name="Reason">Why the quality is not ok, as the gateway said.</param>
public sealed record QuantityObservation(Quantity Quantity, Quality Quality, DateTimeOffset UpdatedAt, string? Reason = null);

public sealed record NetworkHealthOptions
{
    public static NetworkHealthOptions Default { get; } = new();

    /// <summary>A device is online when heard from within this window and it did not say goodbye.</summary>
    public TimeSpan OnlineWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An online device whose value of some quantity is older than this has a stale sensor: the gateway
    /// talks, but that sensor no longer delivers.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(15);
}
