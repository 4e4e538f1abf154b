using System.Diagnostics;
using System.Globalization;
using CityBrain.Grains.Replay;

namespace CityBrain.Host.Hosting;

/// <summary>A one-line progress bar on a terminal; on a pipe or a log file, a plain line every few seconds instead of
/// a screen of carriage returns.</summary>
internal sealed class ConsoleProgressBar(TextWriter writer) : IProgress<ReplayProgress>
{
    private const int Width = 30;
    private readonly bool _terminal = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _shownAt;
    private bool _drawn;

    public void Report(ReplayProgress value)
    {
        var every = _terminal ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(5);
        var last = value.Done >= value.Total;
        if (_shownAt is { } shown && _clock.Elapsed - shown < every && !last) return;
        _shownAt = _clock.Elapsed;
        var share = value.Total == 0 ? 1 : Math.Clamp((double)value.Done / value.Total, 0, 1);
        var filled = (int)Math.Round(share * Width);
        var unit = value.Phase == ReplayPhase.Devices ? "reports" : value.Phase == ReplayPhase.Districts ? "districts" : "regions";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {share,4:P0} {value.Phase.ToString().ToLowerInvariant(),-9} {value.Done:N0}/{value.Total:N0} {unit}  {value.Current}");
        if (_terminal)
        {
            writer.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 120) : 100));
            _drawn = true;
        }
        else
        {
            writer.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (_drawn) writer.WriteLine();
    }
}
