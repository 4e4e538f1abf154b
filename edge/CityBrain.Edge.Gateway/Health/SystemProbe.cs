using System.Globalization;

namespace CityBrain.Edge.Health;

/// <summary>The machine's own readings the health report carries, where the kernel offers them.</summary>
public static class SystemProbe
{
    /// <summary>The SoC temperature in °C (Raspberry Pi: thermal zone 0, in millidegrees); null where there is none.</summary>
    public static double? CpuTemperature(string zone = "/sys/class/thermal/thermal_zone0/temp")
    {
        try
        {
            return double.TryParse(File.ReadAllText(zone).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milli)
                ? Math.Round(milli / 1000, 1)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Free bytes on the file system that holds <paramref name="directory"/>.</summary>
    public static long? FreeDiskBytes(string directory)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
