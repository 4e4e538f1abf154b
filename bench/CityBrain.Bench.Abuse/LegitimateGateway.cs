using System.Diagnostics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;

namespace CityBrain.Bench.Abuse;

/// <summary>A provisioned-looking gateway that publishes QoS 1 reports one after another at a steady pace, recording how
/// long each PUBACK took and when it was sent, so any stretch of time can be cut out of the record.</summary>
internal sealed class LegitimateGateway(TestDevice device, TimeSpan every) : IAsyncDisposable
{
    private readonly List<(long At, double Milliseconds, bool Ok)> _record = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start() => _loop = Task.Run(() => PublishAsync(_stop.Token));

    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>Publish latencies (ms) of reports sent in [from, to), and how many failed.</summary>
    public (IReadOnlyList<double> Latencies, int Failures) Between(long from, long to)
    {
        lock (_lock)
        {
            var inWindow = _record.Where(r => r.At >= from && r.At < to).ToList();
            return ([.. inWindow.Where(r => r.Ok).Select(r => r.Milliseconds)], inWindow.Count(r => !r.Ok));
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var sequence = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = Now;
            bool ok;
            try
            {
                var window = DateTimeOffset.UtcNow.AddSeconds(-61);
                ok = (await device.PublishAsync(++sequence, window, TestDevice.Value(Quantity.Pm2_5, 20 + sequence % 10))).IsSuccess;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                ok = false;
            }
            var elapsed = Stopwatch.GetElapsedTime(sent);
            lock (_lock) _record.Add((sent, elapsed.TotalMilliseconds, ok));
            var pause = every - elapsed;
            if (pause > TimeSpan.Zero) await Task.Delay(pause, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        await device.DisposeAsync();
    }
}
