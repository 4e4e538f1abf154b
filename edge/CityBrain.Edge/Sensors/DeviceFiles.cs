namespace CityBrain.Edge.Sensors;

/// <summary>Checks the device files a sensor needs before its driver opens them, so that the technician's common
/// mistakes (wrong bus, no permission, a port another process holds) get a sentence that says what to do instead of an
/// errno deep inside a driver.</summary>
public sealed class DeviceFiles(string root = "/dev")
{
    public string I2cBus(int bus) => Path.Combine(root, $"i2c-{bus}");

    /// <summary>The I2C buses this machine has.</summary>
    public IReadOnlyList<int> I2cBuses() => Directory.Exists(root)
        ? [.. Directory.GetFileSystemEntries(root, "i2c-*").Select(f => int.TryParse(Path.GetFileName(f)["i2c-".Length..], out var n) ? n : -1).Where(n => n >= 0).Order()]
        : [];

    /// <summary>The serial ports a sensor may be on: the Pi's UARTs (through their <c>serialN</c> aliases, so each is
    /// listed once) and USB serial adapters.</summary>
    public IReadOnlyList<string> SerialPorts()
    {
        if (!Directory.Exists(root)) return [];
        var aliases = new[] { "serial0", "serial1" }.Select(a => Path.Combine(root, a)).Where(File.Exists).ToList();
        var aliased = aliases.Select(a => new FileInfo(a).ResolveLinkTarget(returnFinalTarget: true)?.FullName).OfType<string>().ToHashSet();
        var adapters = new[] { "ttyUSB*", "ttyACM*" }.SelectMany(p => Directory.GetFiles(root, p)).Order(StringComparer.Ordinal);
        return [.. aliases, .. adapters.Where(a => !aliased.Contains(a))];
    }

    /// <exception cref="HardwareAccessException">The bus is missing or the service may not use it.</exception>
    public void RequireI2cBus(int bus)
    {
        var path = I2cBus(bus);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            var present = I2cBuses();
            throw new HardwareAccessException(present.Count == 0
                ? $"I2C bus {bus} does not exist ({path}) and this machine has no I2C bus at all: enable I2C with 'sudo raspi-config' (Interface Options, I2C) and reboot"
                : $"I2C bus {bus} does not exist ({path}): this machine has {string.Join(", ", present.Select(n => $"i2c-{n}"))}; set Bus to one of those in the sensor's configuration");
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
