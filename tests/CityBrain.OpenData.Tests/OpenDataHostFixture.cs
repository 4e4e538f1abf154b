using CityBrain.Testing;

namespace CityBrain.OpenData.Tests;

/// <summary>One host shared by the export and daily-file tests. Its own daily schedule is off: the daily-file tests run
/// the same service on a fake clock, and the host's would otherwise write (and prune) files in the same folder on the
/// real one. Each test uses its own devices, districts or dates, so they do not see each other's data.</summary>
public sealed class OpenDataHostFixture : IAsyncLifetime
{
    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class OpenDataHostCollection : ICollectionFixture<OpenDataHostFixture>
{
    public const string Name = "open-data host";
}
