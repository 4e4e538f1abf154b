namespace CityBrain.Grains.Hours;

/// <summary>An hourly share on its way to the parent <see cref="To"/>, kept in the sender's state until taken.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.PendingShare.v1")]
public sealed record PendingShare([property: Id(0)] string To, [property: Id(1)] HourContribution Contribution);
