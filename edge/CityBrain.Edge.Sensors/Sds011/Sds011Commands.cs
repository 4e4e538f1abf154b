using System.Globalization;

namespace CityBrain.Edge.Sensors.Sds011;

/// <summary>How the SDS011 reports: on its own (each second, or once per working period), or only when asked.</summary>
public enum Sds011Mode
{
    Query,
    Active,
}

/// <summary>The SDS011's command set (Control Protocol V1.3) and the conversions of its frames, both ways (the reverse
/// is what an emulated sensor sends).</summary>
/// <remarks>Host command: <c>AA B4 D1..D15 CHK AB</c>; D1 selects the command, D2 is 0 to query a setting and 1 to set
/// it, D3 the value, D14 D15 the device addressed (FF FF: any). Reply: <c>AA C5 D1 D2 D3 D4 ID1 ID2 CHK AB</c>, D1 echoing
/// the command. Data: <c>AA C0 PM25_L PM25_H PM10_L PM10_H ID1 ID2 CHK AB</c>.</remarks>
public static class Sds011Commands
{
    public const int BaudRate = 9600;

    /// <summary>Frame ids: host command, sensor data, sensor reply.</summary>
    public const byte Command = 0xB4, Data = 0xC0, Reply = 0xC5;

    /// <summary>D1 values.</summary>
    public const byte ReportMode = 0x02, QueryData = 0x04, SetDeviceId = 0x05, SleepWork = 0x06, Firmware = 0x07, WorkingPeriod = 0x08;

    /// <summary>D2 values.</summary>
    public const byte Get = 0, Set = 1;

    /// <summary>D3 of the report mode command.</summary>
    public const byte ActiveReports = 0, QueryReports = 1;

    /// <summary>D3 of the sleep/work command.</summary>
    public const byte Sleep = 0, Work = 1;

    public const ushort AnyDevice = 0xFFFF;

    /// <summary>Working period 0 is continuous (a report each second); 1..30 is one report every that many minutes.</summary>
    public const int MaxWorkingPeriodMinutes = 30;

    /// <summary>Concentrations are tenths of µg/m³; the sensor's specified output is 0.0..999.9.</summary>
    public const double MaxConcentration = 999.9;

    /// <summary>Between active reports in continuous working.</summary>
    public static readonly TimeSpan ContinuousInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the fan runs before values are stable: after wake-up, and before each report of a working
    /// period (the sensor wakes itself that long ahead).</summary>
    public static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(30);

    public static byte ModeValue(Sds011Mode mode) => mode == Sds011Mode.Active ? ActiveReports : QueryReports;

    /// <summary>A 19-byte host command; D4..D13 are zero except where <paramref name="newDeviceId"/> goes (D12 D13).</summary>
    public static byte[] Frame(byte command, byte getOrSet = Get, byte value = 0, ushort device = AnyDevice, ushort newDeviceId = 0)
    {
        Span<byte> data = stackalloc byte[15];
        data.Clear();
        data[0] = command;
        data[1] = getOrSet;
        data[2] = value;
        WriteId(data[11..], newDeviceId);
        WriteId(data[13..], device);
        return Sds011FrameFormat.HostCommands.Build(Command, data);
    }

    public static byte[] SetReportMode(Sds011Mode mode) => Frame(ReportMode, Set, ModeValue(mode));

    public static byte[] Query() => Frame(QueryData);

    public static byte[] SetSleep(bool asleep) => Frame(SleepWork, Set, asleep ? Sleep : Work);

    public static byte[] SetWorkingPeriod(int minutes) => Frame(WorkingPeriod, Set, checked((byte)minutes));

    public static byte[] ReadFirmware() => Frame(Firmware);

    /// <summary>Gives the sensor <paramref name="device"/> (any when FF FF) the id <paramref name="newDeviceId"/>.</summary>
    public static byte[] ChangeDeviceId(ushort newDeviceId, ushort device = AnyDevice) => Frame(SetDeviceId, newDeviceId: newDeviceId, device: device);

    /// <summary>D1 of a host command or of a reply; the value byte (D3) of either.</summary>
    public static byte Kind(ReadOnlySpan<byte> frame) => frame[2];

    public static bool IsSet(ReadOnlySpan<byte> command) => command[3] == Set;

    public static byte Value(ReadOnlySpan<byte> frame) => frame[4];

    /// <summary>The device a host command addresses (D14 D15).</summary>
    public static ushort Target(ReadOnlySpan<byte> command) => ReadId(command[15..]);

    /// <summary>The new id of a set-device-id command (D12 D13).</summary>
    public static ushort NewDeviceId(ReadOnlySpan<byte> command) => ReadId(command[13..]);

    /// <summary>The id of the sensor that sent a data or reply frame.</summary>
    public static ushort DeviceId(ReadOnlySpan<byte> frame) => ReadId(frame[6..]);

    public static bool IsData(byte[] frame) => frame[1] == Data;

    public static bool IsReplyTo(byte[] frame, byte command) => frame[1] == Reply && frame[2] == command;

    /// <summary>PM = (H·256 + L)/10 µg/m³.</summary>
    public static (double Pm2_5, double Pm10) Concentrations(ReadOnlySpan<byte> data) =>
        ((data[3] << 8 | data[2]) / 10.0, (data[5] << 8 | data[4]) / 10.0);

    /// <summary>The firmware's build date from the reply to <see cref="ReadFirmware"/> (D2 D3 D4 = year, month, day).</summary>
    public static string FirmwareDate(ReadOnlySpan<byte> reply) => $"20{reply[3]:D2}-{reply[4]:D2}-{reply[5]:D2}";

    public static byte[] DataFrame(double pm2_5, double pm10, ushort device)
    {
        var (pm25, coarse) = (Tenths(pm2_5), Tenths(pm10));
        return Sds011FrameFormat.SensorFrames.Build(Data, [(byte)pm25, (byte)(pm25 >> 8), (byte)coarse, (byte)(coarse >> 8), (byte)(device >> 8), (byte)device]);
    }

    public static byte[] ReplyFrame(byte command, byte d2, byte d3, byte d4, ushort device) =>
        Sds011FrameFormat.SensorFrames.Build(Reply, [command, d2, d3, d4, (byte)(device >> 8), (byte)device]);

    /// <summary>The nearest tenth of µg/m³, held to what the two bytes can carry.</summary>
    public static ushort Tenths(double microgramsPerCubicMetre) => (ushort)Math.Clamp(Math.Round(microgramsPerCubicMetre * 10), 0, ushort.MaxValue);

    /// <summary>The id as four hex digits, ID1 first, e.g. <c>A160</c>.</summary>
    public static string DeviceIdText(ushort device) => device.ToString("X4", CultureInfo.InvariantCulture);

    private static ushort ReadId(ReadOnlySpan<byte> at) => (ushort)(at[0] << 8 | at[1]);

    private static void WriteId(Span<byte> at, ushort id)
    {
        at[0] = (byte)(id >> 8);
        at[1] = (byte)id;
    }
}
