using System.Device.I2c;
using Microsoft.Extensions.Logging;
using static CityBrain.Edge.Sensors.Sen5x.SenCommands;

namespace CityBrain.Edge.Sensors.Sen5x;

/// <summary>Sensirion SEN50/SEN54/SEN55 environmental module on I2C: PM1, PM2.5, PM4, PM10 (all), humidity,
/// temperature and VOC index (SEN54, SEN55), NOx index (SEN55). The flow is <see cref="SenModuleSensor{TSettings}"/>'s; this adds
/// the temperature offset and the fan's auto-cleaning interval.</summary>
public sealed class Sen5xSensor : SenModuleSensor<Sen5xSettings>
{
    public const int DefaultAddress = 0x69;

    public static readonly IReadOnlyList<int> Addresses = [DefaultAddress];


    public Sen5xSensor(I2cDevice device, string name, TimeProvider time, Sen5xSettings? settings = null, ILogger? logger = null)
        : base(device, name, time, settings, Sen5xCommands.Family, s => s.Model, logger)
    {
    }

    /// <summary>Runs the fan at full speed for 10 s to blow dust off, as the automatic cleaning does; only while
    /// measuring (the chip ignores it otherwise). The reads meanwhile wait for it to end.</summary>
    public ValueTask StartFanCleaningAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(ct => Chip.SendAsync(StartFanCleaning, CommandTime, ct), cancellationToken);

    protected override async ValueTask ConfigureAsync(CancellationToken cancellationToken)
    {
        if (Settings.TemperatureOffset is { } offset)
        {
            // Offset, slope 0, time constant 0 s: a constant offset, applied at once.
            await Chip.SendAsync(TemperatureOffsetParameters, CommandTime, cancellationToken, FromTemperatureOffset(offset), 0, 0).ConfigureAwait(false);
        }
        if (Settings.FanCleaningIntervalSeconds is { } interval)
        {
            var current = await Chip.QueryAsync(Sen5xCommands.AutoCleaningInterval, 2, CommandTime, cancellationToken).ConfigureAwait(false);
            if (UInt32(current) != interval)
            {
                await Chip.SendAsync(Sen5xCommands.AutoCleaningInterval, CommandTime, cancellationToken, (ushort)(interval >> 16), (ushort)interval).ConfigureAwait(false);
            }
        }
    }
}
