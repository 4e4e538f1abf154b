using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sds011;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Uart;
using static CityBrain.Edge.Sensors.Sds011.Sds011Commands;

namespace CityBrain.Simulators.Chips.Sds011;

/// <summary>An SDS011 on a 9600-baud line: active reports each second or once per working period, query answers,
/// sleep and work, firmware version and device id, all by Control Protocol V1.3. Report mode, working period and device
/// id are kept in flash and survive a power cycle; a sleeping sensor answers only the sleep/work command; commands for
/// another device id are ignored.</summary>
/// <remarks>Physics, as a model: for <see cref="SpinUp"/> after the fan starts (power-up, wake-up) the sensor reports
/// all-zero frames, then the air's PM2.5 and PM10. In a working period the sensor wakes itself 30 s before each report,
/// so those reports are never zero.</remarks>
public sealed class Sds011Emulator : UartEmulator
{
    public const ushort DefaultDeviceId = 0xA160;

    /// <summary>The firmware date the version command answers (year, month, day).</summary>
    public static readonly (byte Year, byte Month, byte Day) FirmwareVersion = (18, 11, 16);

    /// <summary>How long the fan needs to move air past the laser at all (model).</summary>
    public static readonly TimeSpan SpinUp = TimeSpan.FromSeconds(3);

    /// <summary>From the end of a command to the start of its reply (model).</summary>
    private static readonly TimeSpan AnswerTime = TimeSpan.FromMilliseconds(20);

    private bool _active = true;
    private byte _workingPeriod;
    private bool _asleep;
    private DateTimeOffset _fanSince;

    public Sds011Emulator(IAmbient ambient, TimeProvider time, ushort deviceId = DefaultDeviceId, int seed = 0)
        : base(ambient, time, Sds011FrameFormat.HostCommands, Sds011Commands.BaudRate, seed) => DeviceId = deviceId;

    public ushort DeviceId { get; private set; }

    /// <summary>The report mode; factory default active.</summary>
    public Sds011Mode Mode => _active ? Sds011Mode.Active : Sds011Mode.Query;

    /// <summary>0: continuous; 1..30: one report every that many minutes.</summary>
    public int WorkingPeriodMinutes => _workingPeriod;

    public bool Asleep => _asleep;

    protected override TimeSpan? ReportInterval =>
        !_active || _asleep ? null
        : _workingPeriod == 0 ? ContinuousInterval
        : TimeSpan.FromMinutes(_workingPeriod);

    /// <summary>The checksum sits before the <c>AB</c> tail.</summary>
    protected override int ChecksumFromEnd => 2;

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        _asleep = false;
        _fanSince = poweredAt;
    }

    protected override void OnCommand(byte[] frame, DateTimeOffset now)
    {
        var target = Target(frame);
        var command = Kind(frame);
        if ((target != AnyDevice && target != DeviceId) || (_asleep && command != SleepWork)) return;
        var reply = now + AnswerTime;
        switch (command)
        {
            case ReportMode:
                if (IsSet(frame)) _active = Value(frame) == ActiveReports;
                Send(Setting(frame, _active ? ActiveReports : QueryReports), reply);
                break;
            case QueryData:
                Send(Measurement(now), reply);
                break;
            case SetDeviceId:
                DeviceId = NewDeviceId(frame);
                Send(ReplyFrame(SetDeviceId, 0, 0, 0, DeviceId), reply);
                break;
            case SleepWork:
                if (IsSet(frame)) Wake(Value(frame) == Work, now);
                Send(Setting(frame, _asleep ? Sleep : Work), reply);
                break;
            case Firmware:
                Send(ReplyFrame(Firmware, FirmwareVersion.Year, FirmwareVersion.Month, FirmwareVersion.Day, DeviceId), reply);
                break;
            case WorkingPeriod when !IsSet(frame) || Value(frame) <= MaxWorkingPeriodMinutes:
                if (IsSet(frame)) _workingPeriod = Value(frame);
                Send(Setting(frame, _workingPeriod), reply);
                break;
        }
        // Every setting changes when the sensor reports; the next report comes one interval after it.
        if (IsSet(frame)) RestartReports(now);
    }

    protected override byte[] Report(DateTimeOffset at) => Measurement(at);

    private byte[] Measurement(DateTimeOffset at) =>
        _workingPeriod == 0 && at - _fanSince < SpinUp
            ? DataFrame(0, 0, DeviceId)
            : DataFrame(Measure(Quantity.Pm2_5, at), Measure(Quantity.Pm10, at), DeviceId);

    /// <summary>The reply to a setting's command: D2 echoes query or set, D3 is the value now in force.</summary>
    private byte[] Setting(byte[] command, byte value) => ReplyFrame(Kind(command), IsSet(command) ? Set : Get, value, 0, DeviceId);

    private void Wake(bool work, DateTimeOffset now)
    {
        if (_asleep && work) _fanSince = now;
        _asleep = !work;
    }
}
