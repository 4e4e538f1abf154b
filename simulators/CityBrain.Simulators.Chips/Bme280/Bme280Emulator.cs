using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Bme280;
using CityBrain.Simulators.Chips.I2c;
using CityBrain.Simulators.Chips.Physical;
using static CityBrain.Edge.Sensors.Bme280.Bme280Registers;

namespace CityBrain.Simulators.Chips.Bme280;

/// <summary>A BME280 (or, with chip id 0x58, a BMP280) register map: calibration in NVM, soft reset with its NVM copy,
/// forced and normal mode with the datasheet's measurement times, ctrl_hum latched by the next ctrl_meas write,
/// oversampling resolution, the IIR filter, and the ADC values that compensate back to the physical values (found by
/// bisection over the driver's own integer formulas, which the datasheet's example values test independently).</summary>
public sealed class Bme280Emulator : I2cChipEmulator
{
    /// <summary>The BMP280 datasheet's example calibration for temperature and pressure, with humidity values typical of
    /// BME280 parts.</summary>
    public static readonly Bme280Calibration TypicalCalibration = new(
        27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
        H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30);

    /// <summary>A reset's NVM copy; the Bosch API first looks after 2 ms.</summary>
    private static readonly TimeSpan NvmCopyTime = TimeSpan.FromMilliseconds(1.5);

    private readonly byte[] _registers = new byte[256];
    private readonly byte _chipId;
    private readonly Bme280Calibration _calibration;
    private byte _pointer;
    private DateTimeOffset _nvmCopyEnds;
    private DateTimeOffset? _forcedEnds;
    private DateTimeOffset? _normalStart;
    private int _normalLatched;
    private Bme280Oversampling _humidityOversampling;
    private double? _filteredT, _filteredP;

    public Bme280Emulator(IAmbient ambient, TimeProvider time, int busId = 1, int address = Bme280Sensor.DefaultAddress,
        byte chipId = Bme280Id, Bme280Calibration? calibration = null)
        : base(ambient, time, busId, address)
    {
        _chipId = chipId;
        _calibration = calibration ?? TypicalCalibration;
    }

    private bool IsBmp => IsBmp280(_chipId);

    private Bme280Oversampling OversamplingT => (Bme280Oversampling)Math.Min(_registers[ControlMeasurement] >> 5, 5);

    private Bme280Oversampling OversamplingP => (Bme280Oversampling)Math.Min(_registers[ControlMeasurement] >> 2 & 0b111, 5);

    private TimeSpan MeasurementTime =>
        MaxMeasurementTime(OversamplingT, OversamplingP, IsBmp ? Bme280Oversampling.Skipped : _humidityOversampling) * 0.9 + Faults.ExtraDelay;

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        Array.Clear(_registers);
        _registers[ChipId] = _chipId;
        var humidity = new byte[Bme280Calibration.HumidityLength];
        _calibration.WriteTo(_registers.AsSpan(CalibrationTemperaturePressure, Bme280Calibration.TemperaturePressureLength), humidity);
        if (!IsBmp) humidity.CopyTo(_registers.AsSpan(CalibrationHumidity));
        // The data registers' reset values read as "skipped".
        _registers[Data] = 0x80;
        _registers[Data + 3] = 0x80;
        if (!IsBmp) _registers[Data + 6] = 0x80;
        _nvmCopyEnds = poweredAt == DateTimeOffset.MinValue ? poweredAt : poweredAt + NvmCopyTime + Faults.ExtraDelay;
        _forcedEnds = _normalStart = null;
        _humidityOversampling = Bme280Oversampling.Skipped;
        _filteredT = _filteredP = null;
    }

    protected override void OnWrite(ReadOnlySpan<byte> data, DateTimeOffset now)
    {
        Update(now);
        if (data.Length == 0) return;
        _pointer = data[0];
        if (data.Length % 2 != 0 && data.Length > 1) throw Nack("writes are register/value pairs");
        // The BME280 takes writes as register/value pairs, not as a run from one register.
        for (var i = 0; i + 1 < data.Length; i += 2) WriteRegister(data[i], data[i + 1], now);
    }

    protected override void OnRead(Span<byte> buffer, DateTimeOffset now)
    {
        Update(now);
        for (var i = 0; i < buffer.Length; i++) buffer[i] = ReadRegister(_pointer++, now);
    }

    private byte ReadRegister(byte register, DateTimeOffset now) => register == Status
        ? (byte)((Measuring(now) ? StatusMeasuring : 0) | (now < _nvmCopyEnds ? StatusImUpdate : 0))
        : _registers[register];

    private void WriteRegister(byte register, byte value, DateTimeOffset now)
    {
        switch (register)
        {
            case Reset when value == ResetCommand:
                PowerUp(now);
                break;
            case ControlHumidity when !IsBmp:
            case Config:
                _registers[register] = value;
                break;
            case ControlMeasurement:
                _registers[register] = value;
                _humidityOversampling = (Bme280Oversampling)Math.Min(_registers[ControlHumidity] & 0b111, 5);
                var mode = value & 0b11;
                _forcedEnds = mode is 0b01 or 0b10 ? now + MeasurementTime : null;
                _normalStart = mode == ModeNormal ? now : null;
                _normalLatched = 0;
                break;
        }
    }

    private bool Measuring(DateTimeOffset now)
    {
        if (_forcedEnds is { } end) return now < end;
        if (_normalStart is not { } start) return false;
        var intoCycle = (now - start).Ticks % NormalPeriod.Ticks;
        return intoCycle < MeasurementTime.Ticks;
    }

    private TimeSpan NormalPeriod => MeasurementTime + Standby((Bme280Standby)(_registers[Config] >> 5), IsBmp);

    /// <summary>Completes the measurements whose time has come.</summary>
    private void Update(DateTimeOffset now)
    {
        if (_forcedEnds is { } end && now >= end)
        {
            Latch(end);
            _forcedEnds = null;
            _registers[ControlMeasurement] &= 0b1111_1100;
        }
        if (_normalStart is { } start && now - start >= MeasurementTime)
        {
            var completed = (int)Math.Min((now - start - MeasurementTime).Ticks / NormalPeriod.Ticks + 1, int.MaxValue);
            // The filter settles within a few dozen measurements: a long gap replays only the last of them.
            _normalLatched = Math.Max(_normalLatched, completed - 64);
            for (; _normalLatched < completed; _normalLatched++) Latch(start + MeasurementTime + NormalPeriod * _normalLatched);
        }
    }

    /// <summary>One measurement: the physical values as ADC readings, at the configured resolution, filtered. Pressure
    /// and humidity are inverted with the temperature the host will compute from the reported value, so that they
    /// compensate back to the physical values.</summary>
    private void Latch(DateTimeOffset at)
    {
        var filter = 1 << (_registers[Config] >> 2 & 0b111);
        var adcT = Bisect(adc => _calibration.FineTemperature(adc), Math.Round(Measure(Quantity.Temperature, at) * 5120), 1 << 20);
        _filteredT = Filter(_filteredT, Resolve(adcT, OversamplingT), filter);
        var t = OversamplingT == Bme280Oversampling.Skipped ? SkippedPressureOrTemperature : (int)Math.Round(_filteredT.Value);
        var tFine = _calibration.FineTemperature(t);

        var adcP = Bisect(adc => -(_calibration.Pressure(adc, tFine) ?? 0), -Measure(Quantity.Pressure, at) * 100 * 256, 1 << 20);
        _filteredP = Filter(_filteredP, Resolve(adcP, OversamplingP), filter);
        var p = OversamplingP == Bme280Oversampling.Skipped ? SkippedPressureOrTemperature : (int)Math.Round(_filteredP.Value);

        var h = _humidityOversampling == Bme280Oversampling.Skipped
            ? SkippedHumidity
            : Bisect(adc => _calibration.Humidity(adc, tFine), Measure(Quantity.Humidity, at) * 1024, 1 << 16);

        var data = _registers.AsSpan(Data);
        (data[0], data[1], data[2]) = ((byte)(p >> 12), (byte)(p >> 4), (byte)(p << 4));
        (data[3], data[4], data[5]) = ((byte)(t >> 12), (byte)(t >> 4), (byte)(t << 4));
        if (!IsBmp) (data[6], data[7]) = ((byte)(h >> 8), (byte)h);
    }

    /// <summary>A 20-bit ADC value at the oversampling's resolution: 16 bits at ×1, one more per doubling.</summary>
    private static int Resolve(int adc, Bme280Oversampling oversampling)
    {
        if (oversampling == Bme280Oversampling.Skipped) return adc;
        var step = 1 << (5 - (int)oversampling);
        return Math.Min((int)Math.Round((double)adc / step) * step, (1 << 20) - step);
    }

    private static double Filter(double? previous, int sample, int coefficient) =>
        previous is { } p ? (p * (coefficient - 1) + sample) / coefficient : sample;

    /// <summary>The ADC value in [0, <paramref name="limit"/>) whose compensated value is closest to
    /// <paramref name="target"/>, for a compensation that rises with the ADC value.</summary>
    private static int Bisect(Func<int, double> compensate, double target, int limit)
    {
        int low = 0, high = limit - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (compensate(middle) < target) low = middle + 1;
            else high = middle;
        }
        return low > 0 && Math.Abs(compensate(low - 1) - target) < Math.Abs(compensate(low) - target) ? low - 1 : low;
    }
}
