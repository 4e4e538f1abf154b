using System.Globalization;

namespace CityBrain.Host.Hosting;

/// <summary>An exclusive lock on a data directory, held by a running host for its lifetime and taken by offline tools
/// (<c>replay</c>) before they rewrite what a running host caches. The operating system drops it when the process
/// ends, however it ends, so a killed host leaves no stale lock behind. The holder writes its process id next to it
/// (<see cref="PidFileName"/>), so the one refused can say which process to stop.</summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "host.lock";

    public const string PidFileName = "host.pid";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <exception cref="DataDirectoryInUseException">Another process holds the lock.</exception>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        FileStream file;
        try
        {
            file = new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DataDirectoryInUseException(dataDirectory, Holder(dataDirectory));
        }
        File.WriteAllText(Path.Combine(dataDirectory, PidFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new DataDirectoryLock(file);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The process id the holder wrote; null when it is unreadable (a holder from before the pid file).</summary>
    private static int? Holder(string dataDirectory)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(dataDirectory, PidFileName)), CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

public sealed class DataDirectoryInUseException(string dataDirectory, int? holder) : Exception(
    $"The data directory {Path.GetFullPath(dataDirectory)} is in use by {(holder is { } pid ? $"process {pid}" : "another process")} " +
    $"(a host or a replay holds its {DataDirectoryLock.FileName}): stop that process, or give this host its own --data.");
