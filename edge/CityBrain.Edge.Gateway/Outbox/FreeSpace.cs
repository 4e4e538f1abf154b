namespace CityBrain.Edge.Outbox;

/// <summary>Free bytes on the file system that holds a directory: what the outbox may still grow into.</summary>
public interface IFreeSpace
{
    long AvailableBytes(string directory);
}

/// <summary>The kernel's count of blocks the service's user may still take (statvfs behind <see cref="DriveInfo"/>).</summary>
public sealed class DriveFreeSpace : IFreeSpace
{
    public static DriveFreeSpace Instance { get; } = new();

    public long AvailableBytes(string directory) => new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
}
