using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;
using static CityBrain.Edge.Sensors.Sds011.Sds011Commands;

namespace CityBrain.Edge.Sensors.Sds011;

/// <summary>Nova Fitness SDS011 laser particulate sensor (PM2.5, PM10) on a UART at 9600 8N1. Set-up wakes the sensor,
/// then brings its report mode and working period to the settings, writing only what differs (both live in its
/// flash). Each read queries a measurement, or in active mode takes the newest report. Values are suspect while the fan
/// warms up after set-up or wake-up, and an all-zero frame (the fan still starting) is never a clean zero.</summary>
public sealed class Sds011Sensor : UartSensorDriver<Sds011Settings>
{
    /// <summary>A reply or queried frame takes about 10 ms at 9600 baud; the sensor answers well within this.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(1);

    private static readonly PhysicalRange PmRange = new(0, MaxConcentration);

    private readonly WarmUp _warmUp;
    private bool _asleep;

    public Sds011Sensor(Stream port, string name, TimeProvider time, Sds011Settings? settings = null, ILogger? logger = null)
        : base(port, name, time, settings, logger)
    {
        _warmUp = new WarmUp(time, WarmUpTime, "fan warming up after wake-up");
    }

    public override string Model => "SDS011";

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Pm2_5, Quantity.Pm10];

    /// <summary>How often an active sensor reports: each second, or once per working period.</summary>
    private TimeSpan ReportInterval => Settings.WorkingPeriodMinutes == 0 ? ContinuousInterval : TimeSpan.FromMinutes(Settings.WorkingPeriodMinutes);

    /// <summary>Stops the fan and laser (their lifetime is the sensor's: about 8000 h of running). The next read, or
    /// <see cref="WakeAsync"/>, wakes it; its values are suspect for the 30 s after.</summary>
    public ValueTask SleepAsync(CancellationToken cancellationToken) => ExclusiveAsync(async ct =>
    {
        await SetAsync(SleepWork, Sleep, "sleep", ct).ConfigureAwait(false);
        _asleep = true;
    }, cancellationToken);

    /// <summary>Starts the fan ahead of the next read, so that the warm-up has passed when it comes.</summary>
    public ValueTask WakeAsync(CancellationToken cancellationToken) => ExclusiveAsync(WakeUpAsync, cancellationToken);

    /// <summary>Gives the sensor a new device id (kept in its flash); returns the id its reply carries.</summary>
    public async ValueTask<ushort> ChangeDeviceIdAsync(ushort deviceId, CancellationToken cancellationToken)
    {
        if (deviceId == AnyDevice) throw new ArgumentOutOfRangeException(nameof(deviceId), "FF FF addresses any sensor and cannot be an id");
        return await ExclusiveAsync(async ct =>
        {
            var reply = await CommandAsync(Sds011Commands.ChangeDeviceId(deviceId), ct).ConfigureAwait(false);
            var id = DeviceId(reply);
            if (id != deviceId) throw new SensorNackException(Name, $"the sensor kept device id {DeviceIdText(id)} instead of {DeviceIdText(deviceId)}");
            Logger.LogInformation("Sensor {Sensor} now has device id {DeviceId}", Name, DeviceIdText(id));
            return id;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The firmware version command; its reply carries the firmware's date and the device id. The sensor is
    /// woken first: asleep, it answers nothing but sleep/work, and a probe would miss it.</summary>
    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        await WakeUpAsync(cancellationToken).ConfigureAwait(false);
        var reply = await CommandAsync(ReadFirmware(), cancellationToken).ConfigureAwait(false);
        return new SensorIdentity(Model, ChipId: $"firmware {FirmwareDate(reply)}", SerialNumber: DeviceIdText(DeviceId(reply)));
    }

    /// <summary>Wakes the sensor (a previous run may have left it asleep) and restarts the warm-up, since the driver
    /// cannot tell how long the fan has been running; then the report mode and working period.</summary>
    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        await Uart.DiscardAsync(cancellationToken).ConfigureAwait(false);
        await WakeUpAsync(cancellationToken).ConfigureAwait(false);
        await EnsureAsync(ReportMode, ModeValue(Settings.Mode), "report mode", cancellationToken).ConfigureAwait(false);
        await EnsureAsync(WorkingPeriod, (byte)Settings.WorkingPeriodMinutes, "working period", cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        if (_asleep) await WakeUpAsync(cancellationToken).ConfigureAwait(false);
        var frame = Settings.Mode == Sds011Mode.Active
            ? await Uart.ReceiveLatestAsync(Sds011FrameFormat.SensorFrames, IsData, ReportTimeout, cancellationToken).ConfigureAwait(false)
            : await Uart.QueryAsync(Query(), Sds011FrameFormat.SensorFrames, IsData, AnswerTimeout, cancellationToken).ConfigureAwait(false);
        var (pm2_5, pm10) = Concentrations(frame);
        var (quality, reason) = pm2_5 == 0 && pm10 == 0 ? (Quality.Suspect, "all-zero frame: the fan is still starting") : _warmUp.Assess();
        return
        [
            Sample(Quantity.Pm2_5, pm2_5, PmRange, quality, reason),
            Sample(Quantity.Pm10, pm10, PmRange, quality, reason),
        ];
    }

    /// <summary>One report interval, with a tenth for the sensor's own clock and two seconds for the line.</summary>
    private TimeSpan ReportTimeout => ReportInterval + ReportInterval / 10 + TimeSpan.FromSeconds(2);

    private async ValueTask WakeUpAsync(CancellationToken cancellationToken)
    {
        await SetAsync(SleepWork, Work, "work", cancellationToken).ConfigureAwait(false);
        _asleep = false;
        // The reply shows the fan started now, even if the next frame is a read minutes away.
        _warmUp.Restart();
        _warmUp.Answered();
    }

    /// <summary>Reads a setting kept in the sensor's flash and writes it only when it differs: flash wears.</summary>
    private async ValueTask EnsureAsync(byte command, byte value, string what, CancellationToken cancellationToken)
    {
        var current = Value(await CommandAsync(Frame(command), cancellationToken).ConfigureAwait(false));
        if (current == value) return;
        Logger.LogInformation("Sensor {Sensor} {Setting} was {Old}, setting it to {New}", Name, what, current, value);
        await SetAsync(command, value, what, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SetAsync(byte command, byte value, string what, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync(Frame(command, Set, value), cancellationToken).ConfigureAwait(false);
        if (Value(reply) != value)
        {
            throw new SensorNackException(Name, $"the sensor answered {what} = {Value(reply)} to a request for {value} ({Convert.ToHexString(reply)})");
        }
    }

    /// <summary>Sends a command and waits for its reply; reports of active mode that arrive meanwhile are skipped.</summary>
    private async ValueTask<byte[]> CommandAsync(byte[] command, CancellationToken cancellationToken)
    {
        await Uart.SendAsync(command, AnswerTimeout, cancellationToken).ConfigureAwait(false);
        return await Uart.ReceiveAsync(Sds011FrameFormat.SensorFrames, f => IsReplyTo(f, Kind(command)), AnswerTimeout, cancellationToken).ConfigureAwait(false);
    }
}
