using CityBrain.Contracts.Vocabulary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Sensors.Abstractions;

/// <summary>The life cycle every driver shares: one bus operation at a time, the chip set up before the first read and
/// again after any failure that suggests it lost its state (unplugged and replugged, reset, stopped answering), and
/// every value checked against what the chip can physically report before it leaves the driver.</summary>
public abstract class SensorDriver : ISensor
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IDisposable _transport;
    private bool _initialised;

    protected SensorDriver(string name, IDisposable transport, TimeProvider time, ILogger? logger)
    {
        Name = name;
        _transport = transport;
        Time = time;
        Logger = logger ?? NullLogger.Instance;
    }

    public string Name { get; }

    public abstract string Model { get; }

    public abstract IReadOnlyList<Quantity> Quantities { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    public ValueTask<SensorIdentity> IdentifyAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(IdentifyChipAsync, cancellationToken);

    public ValueTask<IReadOnlyList<SensorSample>> ReadAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(async ct =>
        {
            if (!_initialised)
            {
                await InitialiseAsync(ct).ConfigureAwait(false);
                _initialised = true;
            }
            return await MeasureAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public void Dispose()
    {
        ShutDown();
        _transport.Dispose();
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Leaves the chip safe before its connection closes (e.g. a heater switched off). Best effort: it must
    /// not throw, so that disposal always completes; it runs outside the gate, after the owner stopped reading.</summary>
    protected virtual void ShutDown()
    {
    }

    /// <summary>Reads the chip id or serial number and checks it is the expected chip.</summary>
    protected abstract ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken);

    /// <summary>Resets and configures the chip; runs before the first measurement and after a failure.</summary>
    protected abstract ValueTask InitialiseAsync(CancellationToken cancellationToken);

    protected abstract ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken);

    /// <summary>Makes the next read set the chip up again, e.g. after an operation that stops its measurement.</summary>
    protected void Reinitialise() => _initialised = false;

    /// <summary>A sample whose value the chip can physically produce; anything else is a broken reading, never a value.</summary>
    protected SensorSample Sample(Quantity quantity, double value, PhysicalRange range, Quality quality = Quality.Ok, string? reason = null)
    {
        if (!range.Contains(value))
        {
            throw new SensorRangeException(Name, $"{quantity.WireName()} {value:G6} {quantity.Unit()} is outside what the chip can measure ({range.Min:G6}..{range.Max:G6} {quantity.Unit()})");
        }
        return new SensorSample(quantity, value, quality, reason);
    }

    /// <summary>As <see cref="ExclusiveAsync{T}"/>, for a chip-specific operation without a result.</summary>
    protected ValueTask ExclusiveAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken) =>
        new(ExclusiveAsync(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).AsTask());

    /// <summary>Runs a bus operation alone: reads, identification and chip-specific operations never interleave.</summary>
    protected async ValueTask<T> ExclusiveAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        catch (SensorException ex) when (ex is not (SensorChecksumException or SensorRangeException))
        {
            // A corrupt or implausible answer says nothing about the chip's state; anything else may mean it was
            // power-cycled back to its defaults or is half-way through a command, so the next read starts afresh.
            if (_initialised) Logger.LogInformation("Sensor {Sensor} will be set up again after: {Error}", Name, ex.Message);
            _initialised = false;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }
}
