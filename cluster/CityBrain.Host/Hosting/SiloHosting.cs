using System.Net;
using CityBrain.Grains;
using CityBrain.Storage.GrainState;
using CityBrain.Storage.Postgres.GrainState;
using Orleans.Configuration;

namespace CityBrain.Host.Hosting;

/// <summary>The Orleans silo of a node: localhost clustering and SQLite grain state on one machine; Redis membership and
/// shared grain state in a cluster, where any silo can take over any grain of one that died.</summary>
public static class SiloHosting
{
    /// <summary>Orleans' membership timing (how fast a dead silo is noticed) can be tuned under this section.</summary>
    public const string MembershipSection = "Orleans:Membership";

    public static WebApplicationBuilder AddCityBrainSilo(this WebApplicationBuilder builder, CityBrainOptions options)
    {
        var membership = builder.Configuration.GetSection(ClusterMembershipSettings.Section).Get<ClusterMembershipSettings>() ?? new ClusterMembershipSettings();
        if (options.Mode == HostMode.Cluster && membership.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new HostConfigurationException(problems);
        }
        builder.UseOrleans(silo =>
        {
            if (options.Mode == HostMode.Embedded)
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                silo.Services.AddSqliteGrainStorage(GrainStorageNames.State,
                    new SqliteGrainStorageOptions { DatabasePath = options.DataPath("grains.db") });
                return;
            }
            silo.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(membership.Redis!));
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = membership.ClusterId;
                o.ServiceId = membership.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(membership.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(MembershipSection));
            silo.Services.AddPostgresGrainStorage(GrainStorageNames.State);
        });
        return builder;
    }
}
