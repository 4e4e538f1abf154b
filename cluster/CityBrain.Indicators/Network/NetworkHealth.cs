using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Indicators.Network;

/// <summary>The state of one device. Stale and faulty describe what an online device delivers; an offline device is
/// only offline, since nothing is known about its sensors now.</summary>
/// <param name="SilentFor">Time since the device was last heard from; null if it never was.</param>
/// <param name="Stale">Quantities whose latest value is older than the stale limit.</param>
/// <param name="Faulty">Quantities whose latest value is invalid (sensor unplugged, every sample corrupt).</param>
/// <param name="Suspect">Quantities whose latest value is suspect.</param>
public sealed record DeviceCondition(
    string DeviceId,
    string DistrictId,
    bool Online,
    TimeSpan? SilentFor,
    IReadOnlyList<Quantity> Stale,
    IReadOnlyList<Quantity> Faulty,
    IReadOnlyList<Quantity> Suspect)
{
    public bool IsStale => Stale.Count > 0;

    public bool IsFaulty => Faulty.Count > 0;

    public static DeviceCondition Of(DeviceObservation device, DateTimeOffset now, NetworkHealthOptions? options = null)
    {
        options ??= NetworkHealthOptions.Default;
        var silentFor = device.LastSeen is { } seen ? now - seen : (TimeSpan?)null;
        var online = !device.SaidGoodbye && silentFor is { } silence && silence <= options.OnlineWindow;
        return new DeviceCondition(
            device.DeviceId,
            device.DistrictId,
            online,
            silentFor,
            online ? [.. device.Quantities.Where(q => now - q.UpdatedAt > options.StaleAfter).Select(q => q.Quantity)] : [],
            online ? [.. device.Quantities.Where(q => q.Quality == Quality.Invalid).Select(q => q.Quantity)] : [],
            online ? [.. device.Quantities.Where(q => q.Quality == Quality.Suspect).Select(q => q.Quantity)] : []);
    }
}

/// <summary>Network-health indicators of a set of devices (a district, or a city by <see cref="Combine"/>).
/// Neither rate is defined by the standards; the project's conventions (reference §6) are: online rate = online
/// devices / registered devices, validity rate = valid hourly values / expected hourly values. Rates are fractions
/// 0–1, null when nothing was expected.</summary>
public sealed record NetworkHealth(
    int Registered,
    int Online,
    int ValidHourlyValues,
    int ExpectedHourlyValues,
    IReadOnlyList<DeviceCondition> Offline,
    IReadOnlyList<DeviceCondition> Stale,
    IReadOnlyList<DeviceCondition> Faulty)
{
    public static NetworkHealth Empty { get; } = new(0, 0, 0, 0, [], [], []);

    public double? OnlineRate => Registered == 0 ? null : (double)Online / Registered;

    /// <summary>Capped at 1: a device that joins mid-hour may deliver a valid value for an hour nobody expected of it.</summary>
    public double? ValidityRate => ExpectedHourlyValues == 0 ? null : Math.Min(1, (double)ValidHourlyValues / ExpectedHourlyValues);

    public static NetworkHealth Assess(IEnumerable<DeviceObservation> devices, DateTimeOffset now, NetworkHealthOptions? options = null)
    {
        var observed = devices.ToList();
        var conditions = observed.Select(d => DeviceCondition.Of(d, now, options)).OrderBy(c => c.DeviceId, StringComparer.Ordinal).ToList();
        return new NetworkHealth(
            observed.Count,
            conditions.Count(c => c.Online),
            observed.Sum(d => d.ValidHourlyValues),
            observed.Sum(d => d.ExpectedHourlyValues),
            [.. conditions.Where(c => !c.Online)],
            [.. conditions.Where(c => c.IsStale)],
            [.. conditions.Where(c => c.IsFaulty)]);
    }

    /// <summary>The health of several sets together, e.g. a city from its districts.</summary>
    public static NetworkHealth Combine(IEnumerable<NetworkHealth> parts) => parts.Aggregate(Empty, (sum, part) => new NetworkHealth(
        sum.Registered + part.Registered,
        sum.Online + part.Online,
        sum.ValidHourlyValues + part.ValidHourlyValues,
        sum.ExpectedHourlyValues + part.ExpectedHourlyValues,
        [.. sum.Offline, .. part.Offline],
        [.. sum.Stale, .. part.Stale],
        [.. sum.Faulty, .. part.Faulty]));
}
