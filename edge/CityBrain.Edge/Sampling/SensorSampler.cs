using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Sensors.Abstractions;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sampling;

/// <summary>Reads one sensor at the sampling interval and keeps the current window's samples. A failing sensor is
/// counted and its window marked invalid; it never stops the others.</summary>
public sealed class SensorSampler(ISensor sensor, ILogger logger)
{
    private readonly Lock _gate = new();
    private Dictionary<Contracts.Vocabulary.Quantity, WindowAccumulator> _window = [];
    private string? _lastError;

    public string Name => sensor.Name;

    public string Model => sensor.Model;

    public long Samples { get; private set; }

    public long Errors { get; private set; }

    public string? LastError => _lastError;

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            var samples = await sensor.ReadAsync(cancellationToken);
            lock (_gate)
            {
                foreach (var s in samples)
                {
                    if (!_window.TryGetValue(s.Quantity, out var accumulator))
                    {
                        _window[s.Quantity] = accumulator = new WindowAccumulator(s.Quantity, sensor.Name);
                    }
                    accumulator.Add(s.Value, s.Quality, s.Reason);
                }
                Samples++;
            }
        }
        catch (SensorException ex)
        {
            lock (_gate)
            {
                Errors++;
                _lastError = ex.Message;
            }
            logger.LogWarning("Sensor {Sensor} failed: {Error}", sensor.Name, ex.Message);
        }
    }

    /// <summary>Closes the window: one reading per quantity, including invalid ones for quantities with no sample.</summary>
    public IReadOnlyList<Reading> CloseWindow()
    {
        lock (_gate)
        {
            var readings = sensor.Quantities
                .Select(q => _window.TryGetValue(q, out var a) ? a.ToReading(_lastError) : new WindowAccumulator(q, sensor.Name).ToReading(_lastError))
                .ToList();
            _window = [];
            _lastError = null;
            return readings;
        }
    }
}
