using CityBrain.Simulators.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;

namespace CityBrain.Simulators.Demo;

/// <summary>What <c>./citybrain.sh run</c> does unless told otherwise: the demo province of several cities, a month of history sent by every simulated gateway
/// before it reports live, and a pollution episode under way at the start, so that trends, daily AQI, validity,
/// rankings and alerts have content within a minute. Tests that start the host with <c>--simulate</c> do not go through
/// here and get neither.</summary>
public static class DemoDefaults
{
    public const int BackfillDays = 30;

    /// <summary>Adds the defaults beneath every other configuration source, so that the command line, the environment
    /// and appsettings override them (<c>--backfill-days 0</c> turns the history off).</summary>
    public static void UseDemoDefaults(this WebApplicationBuilder builder) =>
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [$"{FleetOptions.Section}:{nameof(FleetOptions.BackfillDays)}"] = BackfillDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [$"{FleetOptions.Section}:{nameof(FleetOptions.EpisodeAtStart)}"] = "true",
                [$"{CityBrain.Host.Hosting.CityBrainOptions.Section}:{nameof(CityBrain.Host.Hosting.CityBrainOptions.RegionFile)}"] =
                    Path.Combine(AppContext.BaseDirectory, "regions", "demo-province.json"),
                // The history's hours reach each level as late changes, summed a close delay after the first: with the
                // minute a deployment waits for shares from other silos, the province would show its history minutes
                // after the devices closed it. One machine's grains answer within seconds.
                ["Grains:AreaCloseDelay"] = "00:00:10",
            },
        });
}
