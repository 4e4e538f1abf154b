namespace CityBrain.Bench.Fleet;

/// <summary>A directory of the run's own (the gateways' outboxes, in memory under /dev/shm) that goes with the run:
/// left behind by a failed run it would hold a gigabyte of the machine's memory.</summary>
internal sealed class ScratchDirectory(string path) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
