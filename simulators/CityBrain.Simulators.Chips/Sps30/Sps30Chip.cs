using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sps30;

namespace CityBrain.Simulators.Chips.Sps30;

/// <summary>The SPS30's modes: idle after power-up and reset, measuring once started, sleeping (interface off) when
/// put to sleep from idle.</summary>
public enum Sps30Mode
{
    Idle,
    Measuring,
    Sleeping,
}

/// <summary>A command the chip refuses, with the SHDLC state code the UART answers it with (I2C NACKs it).</summary>
public sealed class Sps30Refusal(byte state, string reason) : Exception(reason)
{
    public const byte WrongLength = 0x01, UnknownCommand = 0x02, IllegalParameter = 0x04, NotAllowed = 0x43;

    public byte State { get; } = state;
}

/// <summary>What an SPS30 does whichever link it is asked over: its modes, a measurement every second from the start,
/// each handed out once, the automatic cleaning interval in non-volatile memory, a fan cleaning, and the status
/// register with its sticky fan and laser errors. The I2C and UART emulators translate their commands into these.</summary>
/// <remarks>Faults a test injects: <see cref="FanBlocked"/> sets the fan error once the fan has been checked twice at
/// 0 RPM (2 s after the start), <see cref="LaserFailing"/> the laser error likewise, <see cref="FanSpeedOff"/> the speed
/// warning while it lasts; each from when it is set (the chip does not check the speed in the first 3 s after the start nor during a cleaning).
/// Physics, as a model: the values are the air's, as floats; the typical particle size is a fixed 0.6 µm.</remarks>
public sealed class Sps30Chip(TimeProvider time, Func<Quantity, DateTimeOffset, double> measure, string serialNumber, byte firmwareMajor = 2, byte firmwareMinor = 2)
{
    /// <summary>The model's typical particle size, µm.</summary>
    public const float TypicalParticleSize = 0.6f;

    private static readonly TimeSpan FaultDetection = TimeSpan.FromSeconds(2), SpeedCheckStart = TimeSpan.FromSeconds(3);

    private DateTimeOffset _measuringSince;
    private long _read;
    private uint _sticky;
    private DateTimeOffset? _fanBlockedSince, _laserFailingSince;

    public Sps30Mode Mode { get; private set; }

    public string SerialNumber => serialNumber;

    public (byte Major, byte Minor) Firmware => (firmwareMajor, firmwareMinor);

    /// <summary>Kept through power cycles, as in the chip's non-volatile memory.</summary>
    public uint CleaningIntervalSeconds { get; private set; } = Sps30Commands.DefaultCleaningIntervalSeconds;

    /// <summary>How many fan cleanings were started by command.</summary>
    public int FanCleanings { get; private set; }

    public DateTimeOffset? CleaningUntil { get; private set; }

    public bool FanBlocked
    {
        get => _fanBlockedSince is not null;
        set => _fanBlockedSince = Fault(_fanBlockedSince, value);
    }

    public bool LaserFailing
    {
        get => _laserFailingSince is not null;
        set => _laserFailingSince = Fault(_laserFailingSince, value);
    }

    public bool FanSpeedOff { get; set; }

    public void PowerUp()
    {
        Mode = Sps30Mode.Idle;
        _sticky = 0;
        CleaningUntil = null;
    }

    public void Start(DateTimeOffset now, byte format)
    {
        Require(Sps30Mode.Idle, "start measurement");
        if (format != Sps30Commands.FloatFormat) throw new Sps30Refusal(Sps30Refusal.IllegalParameter, $"output format 0x{format:X2} (this model knows only floats, 0x03)");
        Mode = Sps30Mode.Measuring;
        _measuringSince = now;
        _read = 0;
    }

    /// <summary>Stops measuring; idle stays idle.</summary>
    public void Stop()
    {
        if (Mode == Sps30Mode.Sleeping) throw new Sps30Refusal(Sps30Refusal.NotAllowed, "stop while asleep");
        Detect(time.GetUtcNow());
        Mode = Sps30Mode.Idle;
        CleaningUntil = null;
    }

    public bool DataReady(DateTimeOffset now) => Completed(now) > _read;

    /// <summary>The measurement not yet read, or null when there is none.</summary>
    public Sps30Measurement? TakeMeasurement(DateTimeOffset now)
    {
        Require(Sps30Mode.Measuring, "read measured values");
        var completed = Completed(now);
        if (completed <= _read) return null;
        _read = completed;
        var at = _measuringSince + Sps30Commands.SamplingInterval * completed;
        float Of(Quantity quantity) => (float)Math.Max(0, measure(quantity, at));
        return new Sps30Measurement(Of(Quantity.Pm1), Of(Quantity.Pm2_5), Of(Quantity.Pm4), Of(Quantity.Pm10),
            Of(Quantity.Nc0_5), Of(Quantity.Nc1), Of(Quantity.Nc2_5), Of(Quantity.Nc4), Of(Quantity.Nc10), TypicalParticleSize);
    }

    public void StartFanCleaning(DateTimeOffset now)
    {
        Require(Sps30Mode.Measuring, "start fan cleaning");
        CleaningUntil = now + Sps30Commands.CleaningTime;
        FanCleanings++;
    }

    public void WriteCleaningInterval(uint seconds) => CleaningIntervalSeconds = seconds;

    /// <summary>Whether the firmware has the status register commands (2.2 on); older chips refuse them as unknown.</summary>
    public bool HasStatusRegister => (firmwareMajor, firmwareMinor).CompareTo(Sps30Commands.StatusRegisterFirmware) >= 0;

    /// <summary>The status register now; cleared after reading when <paramref name="clear"/>.</summary>
    public uint Status(DateTimeOffset now, bool clear)
    {
        if (!HasStatusRegister) throw new Sps30Refusal(Sps30Refusal.UnknownCommand, $"firmware {firmwareMajor}.{firmwareMinor} has no status register");
        Detect(now);
        var measuringFor = Mode == Sps30Mode.Measuring ? now - _measuringSince : TimeSpan.MinValue;
        var status = _sticky;
        if (FanSpeedOff && measuringFor >= SpeedCheckStart && !(now < CleaningUntil)) status |= (uint)Sps30Status.SpeedWarning;
        if (clear) _sticky = 0;
        return status;
    }

    public void Sleep()
    {
        Require(Sps30Mode.Idle, "sleep");
        Mode = Sps30Mode.Sleeping;
    }

    public void WakeUp()
    {
        Require(Sps30Mode.Sleeping, "wake-up");
        Mode = Sps30Mode.Idle;
    }

    /// <summary>As after power-up; the cleaning interval stays.</summary>
    public void Reset() => PowerUp();

    /// <summary>A fault's start changes with the fault; what it did until now is detected first.</summary>
    private DateTimeOffset? Fault(DateTimeOffset? since, bool present)
    {
        var now = time.GetUtcNow();
        Detect(now);
        return present ? since ?? now : null;
    }

    /// <summary>The chip checks fan and laser once a second while measuring; two failed checks in a row set the sticky bit.</summary>
    private void Detect(DateTimeOffset now)
    {
        if (Mode != Sps30Mode.Measuring) return;
        bool Detected(DateTimeOffset? since) => since is { } s && now - (s > _measuringSince ? s : _measuringSince) >= FaultDetection;
        if (Detected(_fanBlockedSince)) _sticky |= (uint)Sps30Status.FanError;
        if (Detected(_laserFailingSince)) _sticky |= (uint)Sps30Status.LaserError;
    }

    private long Completed(DateTimeOffset now) =>
        Mode == Sps30Mode.Measuring ? (now - _measuringSince).Ticks / Sps30Commands.SamplingInterval.Ticks : 0;

    private void Require(Sps30Mode mode, string command)
    {
        if (Mode != mode) throw new Sps30Refusal(Sps30Refusal.NotAllowed, $"{command} is not allowed while {Mode.ToString().ToLowerInvariant()}");
    }
}
