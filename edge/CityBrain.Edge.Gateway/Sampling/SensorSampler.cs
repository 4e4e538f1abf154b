using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sampling;

/// <summary>Reads one sensor, calibrates and judges each sample, and keeps the current report window's samples. A
/// failing sensor is counted by kind of failure and its window flagged; it never stops the other sensors.</summary>
public sealed class SensorSampler
{
    private readonly ISensor _sensor;
    private readonly SensorProfile _profile;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AmbientConditions? _ambient;
    private readonly long _started;
    private readonly Lock _gate = new();
    private readonly Dictionary<Quantity, SampleScreen> _screens;
    private readonly Dictionary<string, long> _errorsByKind = new(StringComparer.Ordinal);
    private Dictionary<Quantity, WindowAccumulator> _window = [];
    private int _windowAttempts, _windowChecksumErrors;
    private string? _windowLastError, _lastError;
    private long _samples, _errors;

    /// <param name="ambient">Where the gateway's sensors share temperature, humidity and pressure: this sampler feeds
    /// its clean values in, and hands a compensated sensor the latest ones before each read.</param>
    public SensorSampler(ISensor sensor, SensorProfile profile, TimeProvider time, ILogger logger, AmbientConditions? ambient = null)
    {
        _sensor = sensor;
        _profile = profile;
        _time = time;
        _logger = logger;
        _ambient = ambient;
        _started = time.GetTimestamp();
        _screens = sensor.Quantities.ToDictionary(q => q,
            q => new SampleScreen(q, profile.Limits.TryGetValue(q, out var limits) ? limits : QuantityLimits.Default(q, sensor.Model)));
    }

    public string Name => _sensor.Name;

    public string Model => _sensor.Model;

    public ISensor Sensor => _sensor;

    public LinearCalibration? Calibration => _profile.Calibration;

    public TimeSpan SampleInterval(ISamplingSchedule schedule) => schedule.IntervalOf(Name, _profile.SampleInterval);

    /// <summary>A consistent copy of the sensor's counters for health and status.</summary>
    public SamplerCounters Counters
    {
        get
        {
            lock (_gate) return new SamplerCounters(_samples, _errors, new Dictionary<string, long>(_errorsByKind), _lastError);
        }
    }

    /// <summary>Reads the sensor at its interval until stopped. The schedule may change the interval or pause the
    /// sensor at any time; a change applies at once, not after the wait in progress.</summary>
    public async Task RunAsync(ISamplingSchedule schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = schedule.Changed;
            var started = _time.GetTimestamp();
            try
            {
                if (schedule.IsEnabled(Name)) await SampleAsync(stoppingToken);
                var wait = SampleInterval(schedule) - _time.GetElapsedTime(started);
                if (wait <= TimeSpan.Zero) continue;
                using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, changed);
                await Task.Delay(wait, _time, waiting.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping, or the schedule changed: then read now and go on at the new interval.
            }
        }
    }

    /// <summary>Reads the sensor once. Only cancellation escapes; every failure of the sensor is counted instead.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SensorSample> samples;
        try
        {
            await CompensateAsync(cancellationToken);
            samples = await _sensor.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fail(ex);
            return;
        }
        var warmUpLeft = _profile.WarmUp - _time.GetElapsedTime(_started);
        lock (_gate)
        {
            _samples++;
            _windowAttempts++;
            foreach (var sample in samples)
            {
                if (!_screens.TryGetValue(sample.Quantity, out var screen)) continue;
                var value = _profile.Calibration is { } c && c.Quantity == sample.Quantity ? c.Apply(sample.Value) : sample.Value;
                var (quality, reason) = screen.Judge(value, sample.Quality, sample.Reason, warmUpLeft > TimeSpan.Zero ? warmUpLeft : null);
                if (quality == Quality.Ok) _ambient?.Observe(sample.Quantity, value);
                if (!_window.TryGetValue(sample.Quantity, out var accumulator))
                {
                    _window[sample.Quantity] = accumulator = new WindowAccumulator(sample.Quantity, _sensor.Name);
                }
                accumulator.Add(value, quality, reason);
            }
        }
    }

    private async ValueTask CompensateAsync(CancellationToken cancellationToken)
    {
        if (_sensor is not ICompensated compensated || _ambient is null) return;
        foreach (var quantity in compensated.CompensatedBy)
        {
            if (_ambient.TryGet(quantity, out var value)) await compensated.CompensateAsync(quantity, value, cancellationToken);
        }
    }

    /// <summary>Closes the window: one reading per quantity of the sensor, an invalid one without a value for a
    /// quantity that had no usable sample (never a made-up 0).</summary>
    public IReadOnlyList<Reading> CloseWindow()
    {
        lock (_gate)
        {
            var suspicion = _windowChecksumErrors > 0 && _windowChecksumErrors > _profile.MaxChecksumErrorRate * _windowAttempts
                ? $"CRC errors in {_windowChecksumErrors} of {_windowAttempts} reads"
                : null;
            var readings = _sensor.Quantities
                .Select(q => (_window.TryGetValue(q, out var a) ? a : new WindowAccumulator(q, _sensor.Name)).ToReading(suspicion, _windowLastError))
                .ToList();
            _window = [];
            _windowAttempts = _windowChecksumErrors = 0;
            _windowLastError = null;
            return readings;
        }
    }

    private void Fail(Exception ex)
    {
        var kind = ex switch
        {
            SensorChecksumException => "checksum",
            SensorNackException => "nack",
            SensorTimeoutException => "timeout",
            SensorAbsentException => "absent",
            SensorRangeException => "range",
            SensorIdentityException => "identity",
            SensorFaultException => "fault",
            OperationCanceledException or TimeoutException => "timeout",
            _ => "other",
        };
        lock (_gate)
        {
            _errors++;
            _windowAttempts++;
            _errorsByKind[kind] = _errorsByKind.GetValueOrDefault(kind) + 1;
            if (ex is SensorChecksumException) _windowChecksumErrors++;
            _lastError = _windowLastError = ex is SensorException ? ex.Message : $"{_sensor.Name}: {ex.GetType().Name}: {ex.Message}";
        }
        if (ex is SensorException)
        {
            _logger.LogWarning("Sensor {Sensor} failed ({Kind}): {Error}", _sensor.Name, kind, ex.Message);
        }
        else
        {
            // Not a failure the driver knows about: a bug or an unexpected bus error; the stack trace helps.
            _logger.LogError(ex, "Sensor {Sensor} failed unexpectedly", _sensor.Name);
        }
    }
}

/// <summary>What a sampler counted since the gateway started.</summary>
public sealed record SamplerCounters(long Samples, long Errors, IReadOnlyDictionary<string, long> ErrorsByKind, string? LastError);
