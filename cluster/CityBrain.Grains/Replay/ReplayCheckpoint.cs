using System.Text.Json;

namespace CityBrain.Grains.Replay;

/// <summary>Which devices a replay of one range has finished, in a small file beside the data, so a replay that was
/// interrupted resumes where it stopped. A checkpoint of another range is set aside: it says nothing of this one.</summary>
public sealed class ReplayCheckpoint
{
    private readonly string _path;
    private readonly string _range;
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly System.Diagnostics.Stopwatch _sinceSaved = System.Diagnostics.Stopwatch.StartNew();

    private ReplayCheckpoint(string path, string range)
    {
        _path = path;
        _range = range;
    }

    public int Resumed { get; private set; }

    public static ReplayCheckpoint Open(string path, ReplayRange range)
    {
        var checkpoint = new ReplayCheckpoint(path, $"{range.From:O}/{range.To:O}/{range.District}");
        if (!File.Exists(path)) return checkpoint;
        try
        {
            var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(path));
            if (saved?.Range == checkpoint._range) checkpoint._done.UnionWith(saved.Devices);
        }
        catch (JsonException)
        {
            // An unreadable checkpoint only costs a full run: every write of a replay replaces, so nothing doubles.
        }
        checkpoint.Resumed = checkpoint._done.Count;
        return checkpoint;
    }

    public bool IsDone(string deviceId) => _done.Contains(deviceId);

    /// <summary>Saved at most once a second: a resumed run redoes that second's devices, which changes nothing.</summary>
    public void MarkDone(string deviceId)
    {
        _done.Add(deviceId);
        if (_sinceSaved.Elapsed < TimeSpan.FromSeconds(1)) return;
        _sinceSaved.Restart();
        // Written beside and renamed over, so a crash mid-write leaves the previous checkpoint whole.
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Saved(_range, [.. _done])));
        File.Move(temporary, _path, overwrite: true);
    }

    public void Clear()
    {
        if (File.Exists(_path)) File.Delete(_path);
    }

    private sealed record Saved(string Range, List<string> Devices);
}
