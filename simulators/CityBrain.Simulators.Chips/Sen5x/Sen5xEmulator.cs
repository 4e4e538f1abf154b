using CityBrain.Edge.Sensors.Sen5x;
using CityBrain.Simulators.Chips.Physical;
using static CityBrain.Edge.Sensors.Sen5x.SenCommands;

namespace CityBrain.Simulators.Chips.Sen5x;

/// <summary>A SEN50, SEN54 or SEN55 (chosen at construction; it answers that product name and measures what that
/// model measures): <see cref="SenModuleEmulator"/> plus the 8-word measured values, a 200 ms deaf spell after stop and
/// reset, the fan's auto-cleaning interval, and a fan cleaning (only while measuring) that sets the cleaning flag and
/// holds back new data for its 10 s.</summary>
public sealed class Sen5xEmulator(
    IAmbient ambient,
    TimeProvider time,
    string model = "SEN55",
    int busId = 1,
    int address = Sen5xSensor.DefaultAddress,
    string serialNumber = "8E2F4A1C9B3D0752")
    : SenModuleEmulator(ambient, time, busId, address, Sen5xCommands.Family, model, serialNumber)
{
    private DateTimeOffset _cleaningUntil;

    /// <summary>The auto-cleaning interval setting (s).</summary>
    public uint CleaningIntervalSetting { get; private set; }

    /// <summary>How often the interval was written (its memory wears).</summary>
    public int CleaningIntervalWrites { get; private set; }

    protected override TimeSpan StopTime => Sen5xCommands.StopTime;

    protected override int OffsetWords => 3;

    protected override void ResetSettings()
    {
        CleaningIntervalSetting = Sen5xCommands.DefaultCleaningIntervalSeconds;
        _cleaningUntil = DateTimeOffset.MinValue;
    }

    protected override uint TransientStatus(DateTimeOffset now) =>
        MeasuringSince is not null && now < _cleaningUntil ? SenStatus.Flag(SenStatus.FanCleaningBit) : 0;

    protected override bool OnFamilyCommand(ushort code, ReadOnlySpan<ushort> arguments, DateTimeOffset now)
    {
        switch (code, arguments.Length)
        {
            case (Sen5xCommands.AutoCleaningInterval, 2):
                CleaningIntervalSetting = UInt32(arguments);
                CleaningIntervalWrites++;
                return true;
            case (Sen5xCommands.AutoCleaningInterval, 0):
                Answer(now + CommandTime, (ushort)(CleaningIntervalSetting >> 16), (ushort)CleaningIntervalSetting);
                return true;
            case (StartFanCleaning, 0):
                if (MeasuringSince is not null && now >= _cleaningUntil)
                {
                    // No new data until the cleaning ends; then the measurement goes on as after a start.
                    _cleaningUntil = now + CleaningTime;
                    Start(_cleaningUntil - Sen5xCommands.Family.FirstMeasurement);
                }
                return true;
            default:
                return false;
        }
    }
}
