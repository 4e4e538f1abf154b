namespace CityBrain.Simulators.Chips.Faults;

/// <summary>What is wrong with an emulated chip right now. Tests and the fleet switch faults on and off while a
/// driver keeps reading, the way a field fault comes and goes.</summary>
public sealed class ChipFaults(TimeProvider time)
{
    private readonly Dictionary<string, double> _held = [];
    private bool _unplugged;

    /// <summary>The chip is gone from the bus: every I2C transfer fails as at an empty address, a UART chip falls
    /// silent. Plugging it back in is a power cycle: the chip restarts with its power-on defaults.</summary>
    public bool Unplugged
    {
        get => _unplugged;
        set
        {
            if (_unplugged && !value)
            {
                PowerCycles++;
                PluggedInAt = time.GetUtcNow();
            }
            _unplugged = value;
        }
    }

    /// <summary>How often the chip was plugged back in; emulators compare it to restart themselves.</summary>
    public int PowerCycles { get; private set; }

    /// <summary>When the chip was last plugged back in: its power-on time.</summary>
    public DateTimeOffset PluggedInAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The chip acknowledges its address and commands but refuses (NACKs) every read.</summary>
    public bool Nack { get; set; }

    /// <summary>Answers carry a wrong CRC or checksum.</summary>
    public bool CorruptChecksum { get; set; }

    /// <summary>UART chips send random bytes before each frame (line noise, a loose contact).</summary>
    public bool Garbage { get; set; }

    /// <summary>The measured value no longer follows the physical value: it stays at its first measurement after this was set.</summary>
    public bool Stuck { get; set; }

    /// <summary>Added to every measurement and answer time: a slow or ageing chip.</summary>
    public TimeSpan ExtraDelay { get; set; }

    /// <summary>The value the chip measures of <paramref name="what"/> (a quantity, an analog input): the actual one,
    /// or the held one while stuck.</summary>
    public double Observe(string what, double actual)
    {
        lock (_held)
        {
            if (!Stuck)
            {
                _held.Clear();
                return actual;
            }
            return _held.TryGetValue(what, out var held) ? held : _held[what] = actual;
        }
    }
}
