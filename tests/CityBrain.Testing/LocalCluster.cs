using CityBrain.Testing.Servers;

namespace CityBrain.Testing;

/// <summary>A real cluster on this machine: a private Redis for membership, a private PostgreSQL for every store, and
/// silos of the production host as separate processes (each one can be killed with SIGKILL). Orleans is told to notice a
/// dead silo within seconds rather than its production default of about half a minute.</summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private LocalCluster(RedisServer redis, PostgresServer postgres, IReadOnlyList<HostProcess> silos)
    {
        Redis = redis;
        Postgres = postgres;
        Silos = silos;
    }

    public RedisServer Redis { get; }

    public PostgresServer Postgres { get; }

    public IReadOnlyList<HostProcess> Silos { get; }

    /// <summary>Every silo's broker, as a gateway's endpoint list.</summary>
    public IReadOnlyList<int> MqttPorts => [.. Silos.Select(s => s.MqttPort)];

    public IEnumerable<HostProcess> Running => Silos.Where(s => s.IsRunning);

    public static async Task<LocalCluster> StartAsync(int silos, params string[] extraArgs)
    {
        // Membership must survive a restart of Redis, as in production (appendonly yes).
        var redis = await RedisServer.StartNewAsync(durable: true);
        var postgres = await PostgresServer.StartNewAsync();
        var cluster = new LocalCluster(redis, postgres, []);
        try
        {
            string[] args =
            [
                "--mode=Cluster", $"--redis={redis.ConnectionString}", $"--postgres={postgres.ConnectionString}",
                $"--Cluster:ClusterId=test-{Guid.NewGuid():N}",
                "--Orleans:Membership:ProbeTimeout=00:00:01", "--Orleans:Membership:NumMissedProbesLimit=2",
                "--Orleans:Membership:NumVotesForDeathDeclaration=1", "--Orleans:Membership:TableRefreshTimeout=00:00:02",
                "--Delivery:SyncInterval=00:00:00.200",
                .. extraArgs,
            ];
            var processes = Enumerable.Range(0, silos).Select(_ => HostProcess.Create(null, args)).ToList();
            cluster = new LocalCluster(redis, postgres, processes);
            // The first silo creates the schema; the others join a cluster that exists.
            await processes[0].StartAsync();
            await Task.WhenAll(processes.Skip(1).Select(p => p.StartAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines of every silo's log, for a failure message.</summary>
    public string LogTails(int lines = 80) =>
        string.Join(Environment.NewLine, Silos.Select((s, i) => $"----- silo {i} -----{Environment.NewLine}{s.LogTail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos) await silo.DisposeAsync();
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
