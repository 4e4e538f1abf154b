using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Gateway.Tests.Support;

public static class Publishers
{
    /// <summary>Link settings for a test broker: quick retries, so outages in tests take seconds.</summary>
    public static LinkOptions Link(TestBroker broker, string device = "gw-test", string password = "secret") => Link([broker], device, password);

    /// <summary>Link settings for several test brokers, in the order given.</summary>
    public static LinkOptions Link(IReadOnlyList<TestBroker> brokers, string device, string password = "secret") =>
        new(device, "haidian", [.. brokers.Select(b => new BrokerAddress("127.0.0.1", b.Port))], password)
        {
            MinBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
            RefusedRetry = TimeSpan.FromMilliseconds(300),
        };

    /// <param name="random">The link's draws; <see cref="ScriptedRandom"/> keeps the brokers in the order given.</param>
    public static GatewayPublisher Create(SqliteOutbox outbox, LinkOptions link, Random? random = null) =>
        new(outbox, link, new PumpOptions { RetryDelay = TimeSpan.FromMilliseconds(100), IdlePoll = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System, NullLoggerFactory.Instance, random);
}
