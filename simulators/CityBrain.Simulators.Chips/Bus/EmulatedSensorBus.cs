using System.Collections.Concurrent;
using System.Device.I2c;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Bus;
using CityBrain.Simulators.Chips.Uart;

namespace CityBrain.Simulators.Chips.Bus;

/// <summary>Buses with emulated chips on them, for drivers that think they run on a Pi: an I2C address with no chip
/// fails every transfer as on real hardware, a serial port can be open once at a time.</summary>
public sealed class EmulatedSensorBus : ISensorBus
{
    private readonly ConcurrentDictionary<(int Bus, int Address), I2cDevice> _chips = new();
    private readonly ConcurrentDictionary<string, UartEmulator> _ports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _open = new(StringComparer.Ordinal);

    /// <summary>Puts <paramref name="chip"/> on the bus at the bus id and address of its connection settings.</summary>
    public T Attach<T>(T chip) where T : I2cDevice
    {
        var at = (chip.ConnectionSettings.BusId, chip.ConnectionSettings.DeviceAddress);
        if (!_chips.TryAdd(at, chip)) throw new InvalidOperationException($"I2C bus {at.BusId} already has a chip at 0x{at.DeviceAddress:X2}");
        return chip;
    }

    /// <summary>The chip already at <paramref name="busId"/>, <paramref name="address"/> (whatever it is), or a new one
    /// from <paramref name="create"/>: sensors that share a chip (two front ends on one ADC) find it there.</summary>
    public I2cDevice GetOrAttach(int busId, int address, Func<I2cDevice> create) => _chips.GetOrAdd((busId, address), _ => create());

    /// <summary>The emulator at an address, for a test to inject faults into.</summary>
    public T? ChipAt<T>(int busId, int address) where T : I2cDevice => _chips.TryGetValue((busId, address), out var chip) ? chip as T : null;

    public T Attach<T>(string port, T chip) where T : UartEmulator
    {
        if (!_ports.TryAdd(port, chip)) throw new InvalidOperationException($"serial port {port} already has a chip");
        return chip;
    }

    /// <summary>The chip already on <paramref name="port"/> (whatever it is), or a new one from <paramref name="create"/>.</summary>
    public UartEmulator GetOrAttach(string port, Func<UartEmulator> create) => _ports.GetOrAdd(port, _ => create());

    /// <summary>The emulator on a port, for a test to inject faults into.</summary>
    public T? ChipOn<T>(string port) where T : UartEmulator => _ports.TryGetValue(port, out var chip) ? chip as T : null;

    public I2cDevice OpenI2c(int busId, int address) =>
        _chips.TryGetValue((busId, address), out var chip) ? new Handle(chip) : new EmptyAddress(busId, address);

    public Stream OpenSerial(string port, int baudRate)
    {
        if (!_ports.TryGetValue(port, out var chip))
        {
            throw new SensorAbsentException(port, $"serial port {port} does not exist on the emulated bus: attach an emulator there or fix Port");
        }
        if (!_open.TryAdd(port, true))
        {
            throw new SensorAbsentException(port, $"cannot open {port}: another driver holds it");
        }
        chip.Connect(baudRate);
        return new PortStream(chip, () => _open.TryRemove(port, out _), port);
    }

    /// <summary>A driver's connection to a chip: disposing it leaves the chip on the bus.</summary>
    private sealed class Handle(I2cDevice chip) : I2cDevice
    {
        public override I2cConnectionSettings ConnectionSettings => chip.ConnectionSettings;

        public override void Read(Span<byte> buffer) => chip.Read(buffer);

        public override void Write(ReadOnlySpan<byte> buffer) => chip.Write(buffer);

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => chip.WriteRead(writeBuffer, readBuffer);
    }

    /// <summary>An address nobody answers at.</summary>
    private sealed class EmptyAddress(int busId, int address) : I2cDevice
    {
        public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

        public override void Read(Span<byte> buffer) => throw Absent();

        public override void Write(ReadOnlySpan<byte> buffer) => throw Absent();

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => throw Absent();

        private static IOException Absent() => new("Remote I/O error (no chip at this emulated address)");
    }
}
