using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Hours;

/// <summary>Tells a parent that <see cref="From"/>'s share of <see cref="Hour"/> was written (or rewritten): the
/// parent sums the hour again from the stored shares. Carrying no numbers, it can be sent twice without harm.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.ShareChanged.v1")]
public sealed record ShareChanged([property: Id(0)] string From, [property: Id(1)] ClockHour Hour);

/// <summary>A <see cref="ShareChanged"/> on its way to the parent <see cref="To"/>, kept in the sender's state until
/// taken.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.PendingShare.v2")]
public sealed record PendingShare([property: Id(0)] string To, [property: Id(1)] ShareChanged Change);
