using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;
using CityBrain.Host.Hosting;
using CityBrain.Indicators.Time;
using CityBrain.Testing;

namespace CityBrain.EndToEnd.Tests.Crashes;

/// <summary>The crash tests run one after another: each kills and restarts a host process of its own, and two of them at
/// once on a two-core machine would mostly measure each other. (<see cref="SilentDeviceRestartTests"/>, which mostly
/// waits, runs beside them.)</summary>
[CollectionDefinition(Name)]
public sealed class CrashCollection
{
    public const string Name = "crashes";
}

/// <summary>What the crash tests share: the city's calendar, seeds that can be replayed, and bounded waits.</summary>
public static class Crash
{
    /// <summary>The demo city's calendar: its hours are the ones the cluster closes.</summary>
    public static LocalCalendar Calendar { get; } = LocalCalendar.ForZone(CityBrain.Regions.RegionFile.Load(new CityBrainOptions().RegionFile).Tree.TimeZone);

    /// <summary>A fresh seed, or the one in CITYBRAIN_CRASH_SEED to replay a failed run's kills.</summary>
    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("CITYBRAIN_CRASH_SEED"), out var seed) ? seed : Random.Shared.Next();

    /// <summary>The clock hours <paramref name="back"/> … 1 before the current one, oldest first: late data the cluster
    /// still takes, in hours that have ended.</summary>
    public static IReadOnlyList<ClockHour> PastHours(int back)
    {
        var current = Calendar.HourOf(DateTimeOffset.UtcNow);
        return [.. Enumerable.Range(0, back).Select(i => Calendar.HourOf(current.Start.AddHours(i - back)))];
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; throws naming <paramref name="what"/> after
    /// <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, HostProcess? host = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout} waiting for {what}{(host is null ? "" : "\n" + host.LogTail())}");
            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout, HostProcess? host = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, host);

    /// <summary>One report a minute for every minute of <paramref name="hours"/> (<paramref name="minutes"/> of each
    /// hour when given), numbered from <paramref name="firstSequence"/> in time order, with PM2.5 and noise values that
    /// differ per device, hour and minute.</summary>
    public static List<PlannedReport> Reports(string deviceId, int device, IReadOnlyList<ClockHour> hours, long firstSequence,
        Func<int, bool>? minutes = null)
    {
        var reports = new List<PlannedReport>();
        for (var h = 0; h < hours.Count; h++)
        {
            for (var m = 0; m < 60; m++)
            {
                if (minutes is not null && !minutes(m)) continue;
                reports.Add(new PlannedReport(deviceId, firstSequence + h * 60 + m, hours[h].Start.AddMinutes(m),
                [
                    OutboxDevice.Value(Quantity.Pm2_5, Pm25(device, h, m)),
                    OutboxDevice.Value(Quantity.Noise, Noise(device, h, m)),
                ]));
            }
        }
        return reports;
    }

    public static double Pm25(int device, int hour, int minute) => 10 + device * 7 + hour * 3 + minute * 0.5 + ((minute * 37 + device * 11) % 13) * 0.01;

    public static double Noise(int device, int hour, int minute) => 50 + device * 2 + hour + (minute % 7) * 1.5 + ((minute * 17 + device) % 5) * 0.1;

    public static IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Pm2_5, Quantity.Noise];
}
