using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>One host shared by the tests of a collection: a silo takes a couple of seconds to start. Each test uses
/// its own device ids, so they do not see each other's data.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public RunningHost Host { get; private set; } = null!;

    /// <summary>Devices of <see cref="NoiseSourceTests"/> watch noise sources: one corrected by a reference meter, one by
    /// a configured background.</summary>
    public async Task InitializeAsync() => Host = await RunningHost.StartAsync(null,
        "--NoiseSources:Sites:ns-site:BackgroundDevice=ns-quiet", "--NoiseSources:Sites:ns-fixed:Background=57");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
