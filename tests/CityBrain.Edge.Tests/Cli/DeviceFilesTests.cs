using CityBrain.Edge.Sensors;
using CityBrain.Edge.Testing;

namespace CityBrain.Edge.Tests.Cli;

/// <summary>The bus and port mistakes, against a device directory of the test's own making.</summary>
public sealed class DeviceFilesTests : IDisposable
{
    private readonly TempDirectory _dev = new();

    [Fact]
    public void A_missing_bus_names_the_buses_this_machine_has()
    {
        File.WriteAllText(_dev.File("i2c-1"), "");
        File.WriteAllText(_dev.File("i2c-20"), "");

        var error = Assert.Throws<HardwareAccessException>(() => new DeviceFiles(_dev.Path).RequireI2cBus(3));

        Assert.Equal($"I2C bus 3 does not exist ({_dev.File("i2c-3")}): this machine has i2c-1, i2c-20; set Bus to one of those in the sensor's configuration", error.Message);
    }

    [Fact]
    public void A_machine_without_any_bus_is_told_to_enable_i2c()
    {
        var error = Assert.Throws<HardwareAccessException>(() => new DeviceFiles(_dev.Path).RequireI2cBus(1));

        Assert.EndsWith("this machine has no I2C bus at all: enable I2C with 'sudo raspi-config' (Interface Options, I2C) and reboot", error.Message);
    }

    [Fact]
    public void No_permission_on_the_bus_names_the_group_to_join()
    {
        // A directory cannot be opened as a file: the same UnauthorizedAccessException as a root-owned device node
        // gives a service user (the tests may run as root, for whom permissions do not apply).
        Directory.CreateDirectory(_dev.File("i2c-1"));

        var error = Assert.Throws<HardwareAccessException>(() => new DeviceFiles(_dev.Path).RequireI2cBus(1));

        Assert.Equal($"no permission to use {_dev.File("i2c-1")}: add the service user to the 'i2c' group (sudo usermod -aG i2c citybrain) and restart the service", error.Message);
    }

    [Fact]
    public void A_serial_port_held_by_another_process_is_busy()
    {
        var port = _dev.File("ttyAMA0");
        File.WriteAllText(port, "");
        using var holder = new FileStream(port, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Throws<HardwareAccessException>(() => new DeviceFiles(_dev.Path).RequireSerialPort(port));

        Assert.StartsWith($"{port} is busy: another process holds it (often the serial console", error.Message);
    }

    [Fact]
    public void A_missing_serial_port_says_where_to_look()
    {
        var error = Assert.Throws<HardwareAccessException>(() => new DeviceFiles(_dev.Path).RequireSerialPort(_dev.File("ttyUSB9")));

        Assert.StartsWith($"serial port {_dev.File("ttyUSB9")} does not exist: check the sensor's Port setting", error.Message);
    }

    [Fact]
    public void Lists_the_buses_and_each_serial_port_once()
    {
        foreach (var name in new[] { "i2c-20", "i2c-1", "ttyAMA0", "ttyS0", "ttyUSB1", "ttyUSB0", "ttyACM0", "tty1" }) File.WriteAllText(_dev.File(name), "");
        File.CreateSymbolicLink(_dev.File("serial0"), _dev.File("ttyAMA0"));
        var files = new DeviceFiles(_dev.Path);

        Assert.Equal([1, 20], files.I2cBuses());
        // ttyAMA0 is the UART behind serial0; ttyS0, not aliased, is no port a sensor is wired to on this Pi.
        Assert.Equal([_dev.File("serial0"), _dev.File("ttyACM0"), _dev.File("ttyUSB0"), _dev.File("ttyUSB1")], files.SerialPorts());
    }

    public void Dispose() => _dev.Dispose();
}
