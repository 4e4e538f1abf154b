using CityBrain.Storage.Postgres.Retained;
using CityBrain.Testing.Servers;

namespace CityBrain.Storage.Postgres.Tests.Retained;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresRetainedMessageStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new(postgres);

    public Task InitializeAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_reader_that_polls_after_the_highest_version_it_saw_misses_nothing_two_nodes_write_at_once()
    {
        var nodes = new[] { new PostgresRetainedMessageStore(_database.Open()), new PostgresRetainedMessageStore(_database.Open()) };
        var reader = new PostgresRetainedMessageStore(_database.Open());
        using var writing = new CancellationTokenSource();
        var seen = new List<long>();
        // As a node's sync does: read what changed after the highest version seen, remember the new highest.
        var polling = Task.Run(async () =>
        {
            long highest = 0;
            while (true)
            {
                var done = writing.IsCancellationRequested;
                foreach (var message in await reader.ChangedSinceAsync(highest))
                {
                    seen.Add(message.Version);
                    highest = message.Version;
                }
                if (done) return;
            }
        });

        // Every topic is written once, so every version stays in the table for the reader to find.
        var written = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var versions = new List<long>();
            for (var i = 0; i < 25; i++)
            {
                versions.Add(await nodes[writer % 2].PutAsync($"citybrain/v1/haidian/gw-{writer}-{i}/config", new[] { (byte)i }, Now));
            }
            return versions;
        })));
        await writing.CancelAsync();
        await polling.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(written.SelectMany(v => v).Order(), seen);
    }
}
