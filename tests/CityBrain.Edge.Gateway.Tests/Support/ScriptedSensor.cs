using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;

namespace CityBrain.Edge.Gateway.Tests.Support;

/// <summary>A sensor that answers from a script, for tests that need exact samples and failures. Each script entry is
/// a value, a <see cref="SensorSample"/>, or an exception to throw; the script repeats.</summary>
public sealed class ScriptedSensor(string name, Quantity quantity, params object[] script) : ISensor
{
    private int _next;

    public string Name => name;

    public string Model { get; init; } = "SCRIPT";

    public IReadOnlyList<Quantity> Quantities => [quantity];

    public int Reads => _next;

    public ValueTask<SensorIdentity> IdentifyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new SensorIdentity(Model, SerialNumber: "42"));

    public ValueTask<IReadOnlyList<SensorSample>> ReadAsync(CancellationToken cancellationToken) => script[(Interlocked.Increment(ref _next) - 1) % script.Length] switch
    {
        double v => ValueTask.FromResult<IReadOnlyList<SensorSample>>([new SensorSample(quantity, v)]),
        SensorSample s => ValueTask.FromResult<IReadOnlyList<SensorSample>>([s]),
        Exception e => ValueTask.FromException<IReadOnlyList<SensorSample>>(e),
        var other => throw new InvalidOperationException($"bad script entry {other}"),
    };

    public void Dispose()
    {
    }
}
