using System.Net;
using MQTTnet.Server;

namespace CityBrain.Bench.Fleet;

/// <summary>A bare MQTTnet broker that accepts every client and publish: the fleet's counterpart in its own process, so
/// that the fleet's memory and CPU are measured alone. Stops when its standard input closes (the parent went away).</summary>
internal static class CountingBroker
{
    public static async Task RunAsync(int port)
    {
        var factory = new MqttServerFactory();
        using var server = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port)
            .WithConnectionBacklog(10_000).Build());
        await server.StartAsync();
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        await server.StopAsync();
    }
}
