namespace CityBrain.Simulators.Fleet.Tests.Support;

internal static class Scratch
{
    /// <summary>A fresh directory in memory (/dev/shm) where there is one: simulated gateways' outboxes sync every write,
    /// which on a shared CI disk would make the tests measure the disk.</summary>
    public static DirectoryInfo Memory(string prefix) => Directory.Exists("/dev/shm")
        ? Directory.CreateDirectory(Path.Combine("/dev/shm", $"{prefix}{Guid.NewGuid():N}"))
        : Directory.CreateTempSubdirectory(prefix);
}
