using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CityBrain.Edge.Link;

/// <summary>Where a link connects next and how long it waits first.</summary>
/// <remarks>
/// The brokers are tried in an order of the gateway's own, shuffled once: a fleet spreads over the cluster's nodes, and
/// the gateways of a node that fails spread over the others instead of all moving to the same next one. A broker that
/// does not answer hands over to the next at once; only when a whole round of them failed does the link wait, for a
/// time drawn between zero and a ceiling that starts at <see cref="LinkOptions.MinBackoff"/> and doubles with every
/// failed round up to <see cref="LinkOptions.MaxBackoff"/> (full jitter). A dropped connection waits such a time before
/// its first retry as well: a node that fails drops thousands of gateways at the same instant, and they must not all
/// come back at the same instant. A connect starts it all afresh. A broker that refuses the credentials is asked again
/// only after <see cref="LinkOptions.RefusedRetry"/>: the nodes share one credential store, so the next would refuse too.
/// <para>Not thread-safe: the link's supervisor loop is its only user.</para>
/// </remarks>
public sealed class ReconnectPlan
{
    private readonly LinkOptions _options;
    private readonly Random _random;
    private readonly BrokerAddress[] _order;
    private int _current, _failedInRound, _failedRounds;

    /// <param name="random">Shuffles the order and draws the waits; <see cref="SeededFor"/> the device id in a gateway.</param>
    public ReconnectPlan(LinkOptions options, Random random)
    {
        _options = options;
        _random = random;
        _order = [.. options.Brokers];
        random.Shuffle(_order);
    }

    /// <summary>The gateway's own random source: the same order on every start, and a different one for each device.</summary>
    public static Random SeededFor(string deviceId) =>
        new(BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(deviceId))));

    /// <summary>The broker the link is connected to, or is to try next.</summary>
    public BrokerAddress Current => _order[_current];

    public void Connected() => (_failedInRound, _failedRounds) = (0, 0);

    /// <summary>The connection to <see cref="Current"/> was lost: the next broker, after a wait of its own.</summary>
    public TimeSpan Dropped() => Failed(alwaysWait: true);

    /// <summary><see cref="Current"/> did not answer, or could not take the connection now: the next broker, at once
    /// unless that ends a round.</summary>
    public TimeSpan Unreachable() => Failed(alwaysWait: false);

    /// <summary><see cref="Current"/> refused the credentials: the next broker, after the slow retry.</summary>
    public TimeSpan Refused()
    {
        MoveOn();
        _failedInRound = 0;
        return _options.RefusedRetry;
    }

    /// <summary>The broker handed <see cref="Current"/>'s session to another connection, the
    /// <paramref name="recent"/>th time lately: the same broker, after a wait drawn between half and all of a ceiling
    /// that starts at <see cref="LinkOptions.TakeoverBackoff"/> and doubles with every recent take-over up to
    /// <see cref="LinkOptions.MaxTakeoverBackoff"/>. Two gateways with one id then take turns ever more slowly instead
    /// of throwing each other out hundreds of times a minute.</summary>
    public TimeSpan TakenOver(int recent)
    {
        var ceiling = Math.Min(_options.MaxTakeoverBackoff.Ticks, _options.TakeoverBackoff.Ticks * Math.Pow(2, Math.Max(0, recent - 1)));
        return TimeSpan.FromTicks((long)(ceiling / 2 + _random.NextDouble() * ceiling / 2));
    }

    private TimeSpan Failed(bool alwaysWait)
    {
        MoveOn();
        var roundOver = ++_failedInRound == _order.Length;
        if (roundOver) _failedInRound = 0;
        return roundOver || alwaysWait ? Jittered() : TimeSpan.Zero;
    }

    private void MoveOn() => _current = (_current + 1) % _order.Length;

    private TimeSpan Jittered()
    {
        var ceiling = Math.Min(_options.MaxBackoff.Ticks, _options.MinBackoff.Ticks * Math.Pow(2, _failedRounds));
        _failedRounds++;
        return TimeSpan.FromTicks((long)(_random.NextDouble() * ceiling));
    }
}
