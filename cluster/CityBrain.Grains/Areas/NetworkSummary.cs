using CityBrain.Indicators.Network;

namespace CityBrain.Grains.Areas;

/// <summary>The counts of a <see cref="NetworkHealth"/> without its device lists, which is what travels up to the
/// city: a district of ten thousand devices must not send ten thousand conditions every few seconds.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.NetworkSummary.v1")]
public sealed record NetworkSummary(
    [property: Id(0)] int Registered,
    [property: Id(1)] int Online,
    [property: Id(2)] int ValidHourlyValues,
    [property: Id(3)] int ExpectedHourlyValues,
    [property: Id(4)] int Stale,
    [property: Id(5)] int Faulty)
{
    public static NetworkSummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public int Offline => Registered - Online;

    public double? OnlineRate => AsHealth().OnlineRate;

    public double? ValidityRate => AsHealth().ValidityRate;

    public static NetworkSummary Of(NetworkHealth health) =>
        new(health.Registered, health.Online, health.ValidHourlyValues, health.ExpectedHourlyValues, health.Stale.Count, health.Faulty.Count);

    public static NetworkSummary Combine(IEnumerable<NetworkSummary> parts) => parts.Aggregate(Empty, (sum, p) => new NetworkSummary(
        sum.Registered + p.Registered, sum.Online + p.Online, sum.ValidHourlyValues + p.ValidHourlyValues,
        sum.ExpectedHourlyValues + p.ExpectedHourlyValues, sum.Stale + p.Stale, sum.Faulty + p.Faulty));

    /// <summary>The rates are defined once, on <see cref="NetworkHealth"/>.</summary>
    private NetworkHealth AsHealth() => new(Registered, Online, ValidHourlyValues, ExpectedHourlyValues, [], [], []);
}
