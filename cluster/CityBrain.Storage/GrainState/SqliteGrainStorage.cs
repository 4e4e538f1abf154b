using System.Globalization;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityBrain.Storage.GrainState;

/// <summary>Orleans grain state in one SQLite table, with optimistic concurrency through an ETag that is the row's
/// version number. State is written with the Orleans serializer, so state classes evolve by <c>[Id]</c> like every
/// other serialized type instead of by CLR name.</summary>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly Serializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private SqliteDatabase? _database;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, Serializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        _name = name;
        _options = options;
        _serializer = serializer;
        _logger = logger;
    }

    private SqliteDatabase Database => _database ?? throw new InvalidOperationException(
        $"grain storage '{_name}' is used before the silo started it");

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, Initialize);

    /// <summary>Opens the database and creates the table; the silo calls this before any grain activates.</summary>
    public Task Initialize(CancellationToken cancellationToken)
    {
        // Grain state is a summary the silo rewrites every few seconds; the raw journal, synced in full, holds every
        // reading. Syncing each state write to the platter as well would cost an fsync per device per save.
        _database = new SqliteDatabase(_options.DatabasePath, SqliteDurability.Normal);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
                grain_id   TEXT NOT NULL,
                state_name TEXT NOT NULL,
                version    INTEGER NOT NULL,
                data       BLOB NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (grain_id, state_name)
            ) WITHOUT ROWID;
            """);
        _logger.LogInformation("Grain storage {StorageName} opened {DatabasePath}", _name, _database.Path);
        return Task.CompletedTask;
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = Database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM grain_state WHERE grain_id = $id AND state_name = $state";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = _serializer.Deserialize<T>((byte[])reader["data"]);
            GrainStateVersions.Stored(grainState, reader.GetInt64(0));
        }
        else
        {
            GrainStateVersions.Missing(grainState);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = _serializer.SerializeToArray(grainState.State);
        var expected = GrainStateVersions.Expected(grainState.ETag);
        await using var connection = Database.Open();
        await using var command = connection.CreateCommand();
        // No ETag: insert, and fail on an existing row; otherwise update only the version that was read.
        command.CommandText = expected == 0
            ? """
              INSERT INTO grain_state (grain_id, state_name, version, data, updated_at) VALUES ($id, $state, 1, $data, $now)
              ON CONFLICT (grain_id, state_name) DO NOTHING
              RETURNING version
              """
            : """
              UPDATE grain_state SET version = version + 1, data = $data, updated_at = $now
              WHERE grain_id = $id AND state_name = $state AND version = $expected
              RETURNING version
              """;
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$data", data);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$expected", expected);
        var version = await command.ExecuteScalarAsync();
        if (version is not long newVersion)
        {
            throw GrainStateVersions.WriteConflict(stateName, grainId, await StoredVersionAsync(connection, stateName, grainId), expected, grainState.ETag);
        }
        GrainStateVersions.Stored(grainState, newVersion);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = Database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_id = $id AND state_name = $state AND ($expected IS NULL OR version = $expected)";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$expected", (object?)grainState.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync() == 0 && grainState.ETag is not null)
        {
            var stored = await StoredVersionAsync(connection, stateName, grainId);
            if (stored is { } version) throw GrainStateVersions.ClearConflict(stateName, grainId, version, grainState.ETag);
        }
        GrainStateVersions.Missing(grainState);
    }

    private static async Task<long?> StoredVersionAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE grain_id = $id AND state_name = $state";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        return await command.ExecuteScalarAsync() as long?;
    }
}
