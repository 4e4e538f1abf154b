using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>One host shared by the tests of a collection: a silo takes a couple of seconds to start. Each test uses
/// its own device ids, so they do not see each other's data.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
