namespace CityBrain.Edge.Hosting;

/// <summary>One gateway per data directory: two services on one outbox would send every report twice under two
/// connections that keep taking each other's session. Held as an exclusive lock on a file for the service's life;
/// the operating system releases it when the process dies, however it dies.</summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "citybrain-edge.lock";
    private readonly FileStream _lock;

    private DataDirectoryLock(FileStream @lock) => _lock = @lock;

    /// <exception cref="DataDirectoryInUseException">Another gateway holds the directory.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be created or written.</exception>
    public static DataDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            stream.Flush();
            return new DataDirectoryLock(stream);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DataDirectoryInUseException(
                $"another citybrain-edge is already running with data directory {Path.GetFullPath(directory)}: stop it first (sudo systemctl stop citybrain-edge) or give this one another DataDirectory");
        }
    }

    public void Dispose() => _lock.Dispose();
}

public sealed class DataDirectoryInUseException(string message) : Exception(message);
