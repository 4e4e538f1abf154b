namespace CityBrain.Edge.Sensors;

/// <summary>Checks the device files a sensor needs before its driver opens them, so that the technician's common
/// mistakes (wrong bus, no permission, a port another process holds) get a sentence that says what to do instead of an
/// errno deep inside a driver.</summary>
public sealed class DeviceFiles(string root = "/dev")
{
    public string I2cBus(int bus) => Path.Combine(root, $"i2c-{bus}");

    /// <exception cref="HardwareAccessException">The bus is missing or the service may not use it.</exception>
    public void RequireI2cBus(int bus)
    {
        var path = I2cBus(bus);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            var present = Directory.Exists(root)
                ? Directory.GetFiles(root, "i2c-*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
                : [];
            throw new HardwareAccessException(present.Count == 0
                ? $"I2C bus {bus} does not exist ({path}) and this machine has no I2C bus at all: enable I2C with 'sudo raspi-config' (Interface Options, I2C) and reboot"
                : $"I2C bus {bus} does not exist ({path}): this machine has {string.Join(", ", present)}; set Bus to one of those in the sensor's configuration");
        }
        Open(path, FileShare.ReadWrite, "i2c");
    }

    /// <exception cref="HardwareAccessException">The port is missing, not permitted, or held by another process.</exception>
    public void RequireSerialPort(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new HardwareAccessException($"serial port {path} does not exist: check the sensor's Port setting and that the UART is enabled (sudo raspi-config, Interface Options, Serial Port)");
        }
        Open(path, FileShare.None, "dialout");
    }

    private static void Open(string path, FileShare share, string group)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, share);
        }
        catch (UnauthorizedAccessException)
        {
            throw new HardwareAccessException($"no permission to use {path}: add the service user to the '{group}' group (sudo usermod -aG {group} citybrain) and restart the service");
        }
        catch (IOException ex) when (share == FileShare.None)
        {
            throw new HardwareAccessException($"{path} is busy: another process holds it (often the serial console; turn it off with sudo raspi-config, Interface Options, Serial Port) ({ex.Message})");
        }
    }
}

/// <summary>The gateway cannot reach a sensor's bus or port; the message is one sentence a technician can act on.</summary>
public sealed class HardwareAccessException(string message) : Exception(message);
