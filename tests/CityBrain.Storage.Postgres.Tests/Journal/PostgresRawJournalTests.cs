using System.Collections.Concurrent;
using CityBrain.Contracts.Journal;
using CityBrain.Storage.Journal;
using CityBrain.Storage.Postgres.Journal;
using CityBrain.Testing;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityBrain.Storage.Postgres.Tests.Journal;

/// <summary>What only a shared journal has to get right: several nodes appending at once, an acknowledgement that means
/// committed, and a server that goes away and comes back.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresRawJournalTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Window = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly TestDatabase _database = new(postgres);

    public Task InitializeAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private static PostgresRawJournal Journal(PostgresDatabase database, ILogger<PostgresRawJournal>? logger = null) =>
        new(database, Options.Create(new RawJournalOptions()), TimeProvider.System, logger ?? NullLogger<PostgresRawJournal>.Instance);

    private static JournalEntry Entry(string device, long sequence) =>
        new(device, sequence, "haidian", Window, Window.AddSeconds(61), BitConverter.GetBytes(sequence));

    [Fact]
    public async Task Appends_from_two_nodes_are_all_committed_once_and_each_device_reads_back_in_its_own_order()
    {
        using var first = Journal(_database.Open());
        using var second = Journal(_database.Open());
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        const int devices = 48, sequences = 60;

        // One grain per device, awaiting each append; every report arrives twice, often through the other node.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, devices).Select(d => Task.Run(async () =>
        {
            var added = new List<JournalAppend>();
            var random = new Random(d);
            for (var s = 0; s < sequences; s++)
            {
                foreach (var copy in new[] { 0, 1 })
                {
                    var node = random.Next(2) == 0 ? first : second;
                    var outcome = await node.AppendAsync(Entry($"gw-{d}", s));
                    if (copy == 0) added.Add(outcome);
                    else Assert.Equal(JournalAppend.AlreadyPresent, outcome);
                }
            }
            return added;
        })));
        await first.StopAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(devices * sequences, await first.CountAsync());
        Assert.All(outcomes.SelectMany(o => o), o => Assert.True(o.Added));
        for (var d = 0; d < devices; d++)
        {
            var read = new List<JournalEntry>();
            await foreach (var entry in second.ReadDeviceAfterAsync($"gw-{d}", 0)) read.Add(entry);
            Assert.Equal(Enumerable.Range(0, sequences).Select(s => (long)s), read.Select(e => e.Sequence));
            Assert.Equal(outcomes[d].Select(o => o.Position), read.Select(e => e.Position));
        }
    }

    [Fact]
    public async Task An_awaited_append_is_committed_for_every_other_connection()
    {
        using var journal = Journal(_database.Open());
        await journal.StartAsync(CancellationToken.None);

        for (var sequence = 0; sequence < 20; sequence++)
        {
            var appended = await journal.AppendAsync(Entry("gw-1", sequence));

            await using var connection = new NpgsqlConnection(_database.ConnectionString + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT position FROM raw_journal WHERE device_id = 'gw-1' AND sequence = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
            Assert.Equal(appended.Position, await command.ExecuteScalarAsync());
        }
        await journal.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task While_PostgreSQL_is_down_appends_fail_clearly_and_none_acknowledged_is_lost_and_appends_resume_after()
    {
        await using var server = await PostgresServer.StartNewAsync();
        var log = new LogCapture();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        await using var database = TestDatabase.Open(server.ConnectionString, loggers);
        using var journal = Journal(database, loggers.CreateLogger<PostgresRawJournal>());
        await journal.StartAsync(CancellationToken.None);
        var load = new GatewayLoad(journal, gateways: 16);

        await load.AcknowledgedAtLeastAsync(300, Bound);
        await server.StopAsync(immediate: true);
        var failure = await load.FirstFailure.WaitAsync(Bound);
        await server.StartAsync();
        await load.AcknowledgedAtLeastAsync(load.Acknowledged.Count + 300, Bound);
        await load.StopAsync();
        await journal.StopAsync(CancellationToken.None);

        var unreachable = Assert.IsType<PostgresUnavailableException>(failure);
        Assert.Contains("PostgreSQL", unreachable.Message);
        Assert.Contains("unreachable", unreachable.Message);
        var stored = new HashSet<(string, long)>();
        await using (var connection = new NpgsqlConnection(server.ConnectionString + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT device_id, sequence FROM raw_journal", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        Assert.All(load.Acknowledged, acknowledged => Assert.Contains(acknowledged, stored));
        Assert.Single(log.Entries, e => e.Message.Contains("are failing", StringComparison.Ordinal));
        Assert.Single(log.Entries, e => e.Message.Contains("succeed again", StringComparison.Ordinal));
    }

    /// <summary>Gateways that each send their reports in turn and, like a gateway refused a PUBACK, send a refused
    /// report again shortly after; a report is acknowledged once its append completed, added or already present.</summary>
    private sealed class GatewayLoad
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource<Exception> _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task[] _gateways;

        public GatewayLoad(IRawJournal journal, int gateways) =>
            _gateways = [.. Enumerable.Range(0, gateways).Select(g => Task.Run(() => RunAsync(journal, $"gw-{g}")))];

        public ConcurrentQueue<(string Device, long Sequence)> Acknowledged { get; } = new();

        public Task<Exception> FirstFailure => _firstFailure.Task;

        public async Task AcknowledgedAtLeastAsync(int count, TimeSpan bound)
        {
            var deadline = DateTime.UtcNow + bound;
            while (Acknowledged.Count < count)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"only {Acknowledged.Count} of {count} reports acknowledged within {bound}");
                await Task.Delay(20);
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_gateways);
        }

        private async Task RunAsync(IRawJournal journal, string device)
        {
            for (long sequence = 0; !_stop.IsCancellationRequested;)
            {
                try
                {
                    await journal.AppendAsync(Entry(device, sequence));
                    Acknowledged.Enqueue((device, sequence));
                    sequence++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _firstFailure.TrySetResult(ex);
                    await Task.Delay(20);
                }
            }
        }
    }
}
