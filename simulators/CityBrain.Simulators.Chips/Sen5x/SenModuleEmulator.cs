using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sen5x;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;
using static CityBrain.Edge.Sensors.Sen5x.SenCommands;

namespace CityBrain.Simulators.Chips.Sen5x;

/// <summary>What an emulated SEN5x and SEN66 share: idle and measuring states, a measurement every second after the
/// start (none before: the values read all unknown, data-ready 0), measured values read as often as asked (the latest
/// again when nothing is new, as on the chip), product name, serial number, a device status register tests can raise
/// flags in (<see cref="Raise"/>), read-and-clear, reset, the temperature offset, a deaf spell after stop and reset,
/// and a NACK for every command it does not know (an SPS30's, say), as the real chips do.</summary>
/// <remarks>Physics, as a model: the values are the air's (<see cref="IAmbient"/>), the temperature plus the offset
/// setting; quantities the model lacks read unknown; the NOx index reads unknown for 10 s after power-on or reset.</remarks>
public abstract class SenModuleEmulator : SensirionChipEmulator
{
    private readonly SenFamily _family;
    private readonly string _serialNumber;
    private DateTimeOffset _busyUntil, _noxFrom;
    private DateTimeOffset? _start;
    private long _read;
    private ushort[]? _latest;

    protected SenModuleEmulator(IAmbient ambient, TimeProvider time, int busId, int address, SenFamily family, string model, string serialNumber)
        : base(ambient, time, busId, address, commandBytes: 2)
    {
        if (!family.Models.ContainsKey(model)) throw new ArgumentException($"'{model}' is none of {family.ModelList}", nameof(model));
        _family = family;
        _serialNumber = serialNumber;
        ProductName = model;
    }

    public string ProductName { get; }

    public bool Measuring => _start is not null;

    /// <summary>The device status register as the chip would report it now.</summary>
    public uint DeviceStatus { get; private set; }

    /// <summary>The temperature offset setting (°C).</summary>
    public double TemperatureOffsetSetting { get; private set; }

    /// <summary>Sets a status flag, e.g. <c>SenStatus.FanErrorBit</c>, as the chip's self-checks would.</summary>
    public void Raise(int bit) => DeviceStatus |= SenStatus.Flag(bit);

    protected IReadOnlyList<Quantity> Measures => _family.Models[ProductName];

    /// <summary>The deaf spell after a stop.</summary>
    protected abstract TimeSpan StopTime { get; }

    /// <summary>Words of the temperature-offset command (3 on the SEN5x; the SEN66 adds a slot).</summary>
    protected abstract int OffsetWords { get; }

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        ClearAnswer();
        _busyUntil = poweredAt;
        _noxFrom = poweredAt == DateTimeOffset.MinValue ? poweredAt : poweredAt + Sen5xCommands.NoxStartUp;
        _start = null;
        _read = 0;
        _latest = null;
        // Flags raised before anyone talked to the chip belong to its long-powered state; a power cycle clears them.
        if (poweredAt != DateTimeOffset.MinValue) DeviceStatus = 0;
        TemperatureOffsetSetting = 0;
        ResetSettings();
    }

    protected override void OnCommand(int command, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        if (now < _busyUntil) throw Nack("busy");
        var code = (ushort)command;
        var reply = now + CommandTime;
        switch (code, arguments.Length)
        {
            case (StartMeasurement, 0):
                if (_start is null) Start(now);
                break;
            case (StopMeasurement, 0):
                ClearAnswer();
                _start = null;
                _busyUntil = now + StopTime;
                break;
            case (GetDataReady, 0):
                Answer(reply, (ushort)(Completed(now) > _read ? 1 : 0));
                break;
            case (GetProductName, 0):
                Answer(now + _family.TextTime, SensirionWords.FromText(ProductName, TextWords));
                break;
            case (GetSerialNumber, 0):
                Answer(now + _family.TextTime, SensirionWords.FromText(_serialNumber, TextWords));
                break;
            case (ReadDeviceStatus or ReadAndClearDeviceStatus, 0):
                var status = DeviceStatus | TransientStatus(now);
                Answer(reply, (ushort)(status >> 16), (ushort)status);
                if (code == ReadAndClearDeviceStatus) DeviceStatus = 0;
                break;
            case (DeviceReset, 0):
                PowerUp(now);
                _busyUntil = now + StopTime;
                break;
            case (TemperatureOffsetParameters, var n) when n == OffsetWords:
                TemperatureOffsetSetting = (short)arguments[0] / 200.0;
                break;
            default:
                if (code == _family.ReadMeasuredValues && arguments.Length == 0)
                {
                    Answer(reply, MeasuredValues(now));
                }
                else if (!OnFamilyCommand(code, arguments, now))
                {
                    throw Nack($"unknown command 0x{code:X4} with {arguments.Length} argument word(s)");
                }
                break;
        }
    }

    /// <summary>A command only the family knows; false when it does not know it either (the chip NACKs it).</summary>
    protected abstract bool OnFamilyCommand(ushort code, ReadOnlySpan<ushort> arguments, DateTimeOffset now);

    /// <summary>Puts the family's own settings in their power-on state.</summary>
    protected abstract void ResetSettings();

    /// <summary>The family's value of a quantity at a measurement (the CO₂ cell's compensation), in the contract's
    /// unit; the air's by default.</summary>
    protected virtual double Value(Quantity quantity, DateTimeOffset at) => Measure(quantity, at);

    /// <summary>Starts the measurement at <paramref name="at"/>: the first result comes one start-up later.</summary>
    protected void Start(DateTimeOffset at)
    {
        _start = at;
        _read = 0;
    }

    /// <summary>When the running measurement started (or restarts, after a fan cleaning); null while idle.</summary>
    protected DateTimeOffset? MeasuringSince => _start;

    /// <summary>Whether the chip knows <paramref name="quantity"/> at a measurement taken at <paramref name="at"/>.</summary>
    protected virtual bool Knows(Quantity quantity, DateTimeOffset at) => quantity != Quantity.NoxIndex || at >= _noxFrom;

    /// <summary>Flags the chip sets by itself while their condition lasts (a fan cleaning).</summary>
    protected virtual uint TransientStatus(DateTimeOffset now) => 0;

    /// <summary>When the latest completed measurement was taken, or null before the first.</summary>
    protected DateTimeOffset? LatestMeasurement(DateTimeOffset now) =>
        Completed(now) is var n and > 0 ? _start!.Value + _family.FirstMeasurement + Interval * (n - 1) : null;

    /// <summary>How many measurements the running measurement has completed by <paramref name="now"/>.</summary>
    private long Completed(DateTimeOffset now)
    {
        if (_start is not { } start) return 0;
        var since = now - start - _family.FirstMeasurement - Faults.ExtraDelay;
        return since < TimeSpan.Zero ? 0 : 1 + since.Ticks / Interval.Ticks;
    }

    /// <summary>The latest measurement, the last one again when nothing is new, all unknown before the first.</summary>
    private ushort[] MeasuredValues(DateTimeOffset now)
    {
        var completed = Completed(now);
        if (completed > _read && LatestMeasurement(now) is { } at)
        {
            _read = completed;
            _latest = Encode(at);
        }
        return _latest ?? [.. Enumerable.Repeat(UnsignedUnknown, 4), .. Enumerable.Repeat(SignedUnknown, 4), .. Enumerable.Repeat(UnsignedUnknown, _family.MeasuredWords - 8)];
    }

    private ushort[] Encode(DateTimeOffset at)
    {
        ushort Known(Quantity quantity, Func<double, ushort> encode, ushort unknown) =>
            Measures.Contains(quantity) && Knows(quantity, at) ? encode(Value(quantity, at)) : unknown;
        var words = new List<ushort>
        {
            Known(Quantity.Pm1, FromConcentration, UnsignedUnknown),
            Known(Quantity.Pm2_5, FromConcentration, UnsignedUnknown),
            Known(Quantity.Pm4, FromConcentration, UnsignedUnknown),
            Known(Quantity.Pm10, FromConcentration, UnsignedUnknown),
            Known(Quantity.Humidity, FromHumidity, SignedUnknown),
            Known(Quantity.Temperature, t => FromTemperature(t + TemperatureOffsetSetting), SignedUnknown),
            Known(Quantity.VocIndex, FromIndex, SignedUnknown),
            Known(Quantity.NoxIndex, FromIndex, SignedUnknown),
        };
        if (_family.MeasuredWords > 8) words.Add(Known(Quantity.Co2, FromCo2, UnsignedUnknown));
        return [.. words];
    }
}
