using System.Diagnostics;

namespace CityBrain.Bench.Silos;

/// <summary>Counters read before and after a measurement, whose differences are its costs: CPU of the hosts, of the
/// bench itself, of PostgreSQL and of Redis, the machine's busy and total CPU time, PostgreSQL's WAL position and next
/// transaction id, Redis's commands served (the servers' only in cluster mode).</summary>
internal sealed record Costs(TimeSpan Hosts, TimeSpan Bench, TimeSpan MachineBusy, TimeSpan MachineTotal, TimeSpan Postgres, TimeSpan Redis,
    long WalBytes, long TransactionId, long RedisCommands, long PostgresConnections)
{
    public static async Task<Costs> ReadAsync(Deployment deployment, SharedServers servers)
    {
        var machine = ProcStat.Machine();
        var costs = new Costs(deployment.HostsCpu(), Process.GetCurrentProcess().TotalProcessorTime, machine.Busy, machine.Total,
            TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, 0);
        if (!deployment.IsCluster) return costs;
        var (wal, xid) = await PostgresStats.ReadAsync(deployment.Database!);
        var (commands, redisCpu) = await RedisStats.ReadAsync(servers.Redis.Port);
        return costs with
        {
            Postgres = ProcStat.TreeCpu(servers.Postgres.ProcessId!.Value), Redis = redisCpu, WalBytes = wal, TransactionId = xid,
            RedisCommands = commands, PostgresConnections = await PostgresStats.ConnectionsAsync(deployment.Database!),
        };
    }

    /// <summary>The share of the machine's CPU time it was busy between <paramref name="before"/> and this.</summary>
    public double MachineBusySince(Costs before) => (MachineBusy - before.MachineBusy) / (MachineTotal - before.MachineTotal);

    /// <summary>The share of the machine's busy time these processes account for; whatever else ran on the machine
    /// meanwhile is the rest.</summary>
    public double AccountedSince(Costs before) =>
        (Hosts - before.Hosts + Postgres - before.Postgres + Redis - before.Redis + Bench - before.Bench) / (MachineBusy - before.MachineBusy);

    /// <summary>Write transactions since <paramref name="before"/>: the second reading's own transaction took one id.</summary>
    public long CommitsSince(Costs before) => Math.Max(0, TransactionId - before.TransactionId - 1);
}
