namespace CityBrain.Host.Hosting;

/// <summary>An exclusive lock on a data directory, held by a running host for its lifetime and taken by offline tools
/// (<c>replay</c>) before they rewrite what a running host caches. The operating system drops it when the process
/// ends, however it ends, so a killed host leaves no stale lock behind.</summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "host.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Null when another process holds the lock.</summary>
    public static DataDirectoryLock? TryAcquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return new DataDirectoryLock(new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}

public sealed class DataDirectoryInUseException(string dataDirectory) : Exception(
    $"Another process holds the data directory {Path.GetFullPath(dataDirectory)} ({DataDirectoryLock.FileName}): a host runs on it, or a replay does. Stop it, or give this host its own --data.");
