namespace CityBrain.Simulators.Chips.Faults;

/// <summary>What is wrong with an emulated chip right now. Tests and the fleet switch faults on and off while a
/// driver keeps reading, the way a field fault comes and goes.</summary>
public sealed class ChipFaults
{
    /// <summary>The chip is gone from the bus: every transfer fails as an absent device does.</summary>
    public bool Unplugged { get; set; }

    /// <summary>The chip refuses transfers (I2C NACK).</summary>
    public bool Nack { get; set; }

    /// <summary>Answers carry a wrong CRC or checksum.</summary>
    public bool CorruptChecksum { get; set; }

    /// <summary>The measured value no longer follows the physical value.</summary>
    public bool Stuck { get; set; }

    /// <summary>Added to every measurement time: a slow or ageing chip.</summary>
    public TimeSpan ExtraDelay { get; set; }

    public void ThrowIfUnreachable()
    {
        if (Unplugged) throw new IOException("No such device or address (emulated chip unplugged)");
        if (Nack) throw new IOException("Remote I/O error (emulated NACK)");
    }
}
