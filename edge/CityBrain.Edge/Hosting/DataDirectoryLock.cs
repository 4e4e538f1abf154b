namespace CityBrain.Edge.Hosting;

/// <summary>One gateway per data directory: two services on one outbox would send every report twice under two
/// connections that keep taking each other's session. Held as an exclusive lock on a file for the service's life;
/// the operating system releases it when the process dies, however it dies.</summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "citybrain-edge.lock";

    /// <summary>The errno (EWOULDBLOCK on Linux) a lock held by another process gives; any other I/O error is the
    /// directory's own problem, such as a read-only file system.</summary>
    private const int LockHeld = 11;

    private readonly FileStream _lock;

    private DataDirectoryLock(FileStream @lock) => _lock = @lock;

    /// <exception cref="DataDirectoryInUseException">Another gateway holds the directory.</exception>
    /// <exception cref="DataDirectoryUnusableException">The directory cannot be created or written.</exception>
    public static DataDirectoryLock Acquire(string directory)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(full);
            var stream = new FileStream(Path.Combine(full, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            stream.Flush();
            return new DataDirectoryLock(stream);
        }
        catch (IOException ex) when (ex.HResult == LockHeld)
        {
            throw new DataDirectoryInUseException(
                $"another citybrain-edge is already running with data directory {full}: stop it first (sudo systemctl stop citybrain-edge) or give this one another DataDirectory");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryUnusableException(full, ex);
        }
    }

    /// <summary>Whether a service holds the directory now: a shared lock is refused while it holds its exclusive one.
    /// Unlike the status file, this needs no free space, so it still tells on a full disk.</summary>
    public static bool IsHeld(string directory)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(Path.GetFullPath(directory), FileName), FileMode.Open, FileAccess.Read, FileShare.Read);
            return false;
        }
        catch (IOException ex) when (ex.HResult == LockHeld)
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose() => _lock.Dispose();
}

public sealed class DataDirectoryInUseException(string message) : Exception(message);

/// <summary>The data directory cannot be created or written: read-only, not the service user's, or not a directory.</summary>
public sealed class DataDirectoryUnusableException(string directory, Exception inner)
    : Exception($"the data directory {directory} cannot be written ({inner.Message.TrimEnd('.')}): it must be on a writable file system and belong to the user the gateway runs as (sudo citybrain-edge install sets that up), or set Gateway:DataDirectory to another directory", inner);
