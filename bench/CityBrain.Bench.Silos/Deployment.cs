using System.Globalization;
using System.Text.Json;
using CityBrain.Grains;
using CityBrain.Testing;
using CityBrain.Testing.Servers;

namespace CityBrain.Bench.Silos;

/// <summary>The private Redis and PostgreSQL every deployment of one bench run shares, both durable as in production:
/// PostgreSQL with fsync and synchronous_commit on, Redis with an append-only file synced on every write.</summary>
internal sealed class SharedServers : IAsyncDisposable
{
    private SharedServers(RedisServer redis, PostgresServer postgres)
    {
        Redis = redis;
        Postgres = postgres;
    }

    public RedisServer Redis { get; }

    public PostgresServer Postgres { get; }

    public static async Task<SharedServers> StartAsync()
    {
        var redis = await RedisServer.StartNewAsync(durable: true);
        try
        {
            return new SharedServers(redis, await PostgresServer.StartNewAsync(durable: true));
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>One way of running the city brain, started for a measurement: the embedded host (one process, SQLite), or
/// N silos of the production host in cluster mode on a database of their own in the shared PostgreSQL and a cluster id
/// of their own in the shared Redis. Every host is a separate process (<see cref="HostProcess"/>).</summary>
internal sealed class Deployment : IAsyncDisposable
{
    public const string ServiceUser = "bench";
    public const string ServicePassword = "bench-pass";

    private readonly List<HostProcess> _hosts;
    private readonly string[] _args;

    private Deployment(string name, int hosts, string[] args, string? database)
    {
        Name = name;
        _args = args;
        _hosts = [.. Enumerable.Range(0, hosts).Select(_ => CreateHost(args))];
        Database = database;
    }

    /// <summary>"embedded (SQLite)" or "N silos".</summary>
    public string Name { get; }

    public IReadOnlyList<HostProcess> Hosts => _hosts;

    /// <summary>The cluster's database in the shared PostgreSQL; null in embedded mode.</summary>
    public string? Database { get; }

    public bool IsCluster => Database is not null;

    public IReadOnlyList<int> MqttPorts => [.. Hosts.Select(h => h.MqttPort)];

    /// <summary>Production timing for the grains: HostProcess starts hosts with the crash tests' short periods (grain
    /// state saved every 2 s, say), which would measure a busier host than a real one. Later settings win.</summary>
    public static IReadOnlyList<string> ProductionGrainTiming()
    {
        var defaults = new GrainOptions();
        return
        [
            $"--Grains:ReportPeriod={defaults.ReportPeriod:c}", $"--Grains:HourCloseDelay={defaults.HourCloseDelay:c}",
            $"--Grains:AreaCloseDelay={defaults.AreaCloseDelay:c}", $"--Grains:SavePeriod={defaults.SavePeriod:c}",
        ];
    }

    public static async Task<Deployment> EmbeddedAsync(IEnumerable<string> extraArgs)
    {
        var deployment = new Deployment("embedded (SQLite)", 1, [.. CommonArgs(), .. extraArgs], null);
        await deployment.StartAsync();
        return deployment;
    }

    public static async Task<Deployment> ClusterAsync(SharedServers servers, int silos, IEnumerable<string> extraArgs)
    {
        // Three silos with Npgsql's default pool of 100 each could exceed the private server's 200 connections.
        var database = await servers.Postgres.CreateDatabaseAsync() + ";Maximum Pool Size=50";
        string[] args =
        [
            .. CommonArgs(), "--mode=Cluster", $"--redis={servers.Redis.ConnectionString}", $"--postgres={database}",
            $"--Cluster:ClusterId=bench-{Guid.NewGuid():N}", .. extraArgs,
        ];
        var deployment = new Deployment(silos == 1 ? "1 silo" : $"{silos} silos", silos, args, database);
        await deployment.StartAsync();
        return deployment;
    }

    /// <summary>The districts of the city the hosts run (the default city file), from the API.</summary>
    public async Task<IReadOnlyList<string>> DistrictsAsync()
    {
        var city = await Hosts[0].GetAsync<JsonElement>("/api/regions/demo-city");
        return [.. city.GetProperty("districts").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];
    }

    /// <summary>User plus system CPU of every host process that is still running.</summary>
    public TimeSpan HostsCpu() => Hosts.Select(h => h.ProcessId).OfType<int>().Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcStat.Cpu(pid));

    /// <summary>Resident memory of each running host, MB.</summary>
    public IReadOnlyList<double> HostsResidentMegabytes() =>
        [.. Hosts.Select(h => h.ProcessId).OfType<int>().Select(pid => Reporting.BenchReport.ResidentMegabytes(pid.ToString(CultureInfo.InvariantCulture)))];

    public string LogTails(int lines = 60) =>
        string.Join(Environment.NewLine, Hosts.Select((h, i) => $"----- {Name}, host {i} -----{Environment.NewLine}{h.LogTail(lines)}"));

    /// <summary>Keeps the hosts' folders (and logs) unless the measurement went through.</summary>
    public void Succeeded()
    {
        foreach (var host in Hosts) host.DeleteDataOnDispose = true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    /// <summary>Starts host <paramref name="index"/>. Its ports were free when it was created, but a silo starting
    /// beside it opens dozens of client connections (PostgreSQL, Redis, other silos), whose local ports come from the
    /// same range and may take one first; then it is made again on other free ports.</summary>
    private async Task StartAsync(int index)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _hosts[index].StartAsync();
                return;
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine($"{Name}, host {index}: a port was taken before it bound it; trying other ports");
                _hosts[index].DeleteDataOnDispose = true;
                await _hosts[index].DisposeAsync();
                _hosts[index] = CreateHost(_args);
            }
        }
    }

    private static IEnumerable<string> CommonArgs() => ProductionGrainTiming();

    /// <summary>A host with the load generator's service account, given in the environment: the host refuses secrets
    /// on its command line.</summary>
    private static HostProcess CreateHost(string[] args)
    {
        var host = HostProcess.Create(null, args);
        host.EnvironmentVariables[$"Broker__ServiceAccounts__{ServiceUser}"] = ServicePassword;
        return host;
    }

    private async Task StartAsync()
    {
        try
        {
            // The first silo creates the schema; the others join a cluster that exists.
            await StartAsync(0);
            await Task.WhenAll(Enumerable.Range(1, _hosts.Count - 1).Select(StartAsync));
        }
        catch
        {
            Console.Error.WriteLine(LogTails());
            await DisposeAsync();
            throw;
        }
    }
}
