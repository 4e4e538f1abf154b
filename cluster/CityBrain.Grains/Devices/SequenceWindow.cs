namespace CityBrain.Grains.Devices;

/// <summary>Which sequence numbers of a device were already accepted: the highest one and a bitmap of the
/// <see cref="Width"/> below it. Gateways drain their outbox oldest first with a few dozen publishes in flight, so
/// reordering stays far inside the window, and the state stays a few dozen bytes even for a million devices.</summary>
[GenerateSerializer, Alias("citybrain.SequenceWindow.v1")]
public sealed class SequenceWindow
{
    public const int Width = 256;

    [Id(0)] public long Highest { get; set; } = -1;

    /// <summary>Bit i set: sequence Highest − 1 − i was accepted.</summary>
    [Id(1)] public ulong[] Below { get; set; } = new ulong[Width / 64];

    /// <summary>Whether <paramref name="sequence"/> is known to have been accepted. False also when it is too old for
    /// the window to tell: only the journal can say then.</summary>
    public bool Contains(long sequence)
    {
        if (sequence > Highest || Highest < 0) return false;
        if (sequence == Highest) return true;
        var age = Highest - sequence - 1;
        return age < Width && (Below[age / 64] & (1UL << (int)(age % 64))) != 0;
    }

    /// <summary>Marks <paramref name="sequence"/> as accepted; false when it was seen before or is too old to tell.</summary>
    public bool TryAccept(long sequence)
    {
        if (sequence > Highest)
        {
            Shift(sequence - Highest);
            Highest = sequence;
            return true;
        }
        var age = Highest - sequence - 1;
        if (sequence == Highest || age >= Width) return false;
        ref var word = ref Below[age / 64];
        var bit = 1UL << (int)(age % 64);
        if ((word & bit) != 0) return false;
        word |= bit;
        return true;
    }

    /// <summary>Ages every accepted sequence by <paramref name="by"/> and records the old highest.</summary>
    private void Shift(long by)
    {
        if (Highest < 0 || by > Width)
        {
            Array.Clear(Below);
            return;
        }
        var wordShift = (int)(by / 64);
        var bitShift = (int)(by % 64);
        for (var i = Below.Length - 1; i >= 0; i--)
        {
            var source = i - wordShift;
            var value = source >= 0 ? Below[source] << bitShift : 0;
            if (bitShift != 0 && source >= 1) value |= Below[source - 1] >> (64 - bitShift);
            Below[i] = value;
        }
        SetBit((int)by - 1);
    }

    private void SetBit(int age) => Below[age / 64] |= 1UL << (age % 64);
}
