using CityBrain.Storage.GrainState;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace CityBrain.Storage.Postgres.GrainState;

/// <summary>Orleans grain state in the shared PostgreSQL, with the ETag rules of every grain storage of the cluster
/// (<see cref="GrainStateVersions"/>): the ETag is the row's version, so a silo holding a stale activation cannot
/// overwrite what a newer one wrote. State is written with the Orleans serializer, as with SQLite.</summary>
public sealed partial class PostgresGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly PostgresDatabase _database;
    private readonly Serializer _serializer;
    private readonly ILogger<PostgresGrainStorage> _logger;

    public PostgresGrainStorage(string name, PostgresDatabase database, Serializer serializer, ILogger<PostgresGrainStorage> logger)
    {
        _name = name;
        _database = database;
        _serializer = serializer;
        _logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(PostgresGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, Initialize);

    /// <summary>Migrates the schema if no other store did yet; the silo calls this before any grain activates.</summary>
    public async Task Initialize(CancellationToken cancellationToken)
    {
        await _database.EnsureMigratedAsync(cancellationToken);
        LogOpened(_name, _database.Name);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = Keyed("SELECT version, data FROM grain_state WHERE storage = $1 AND grain_id = $2 AND state_name = $3",
            connection, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = _serializer.Deserialize<T>(reader.GetFieldValue<byte[]>(1));
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
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        // No ETag: insert, and fail on an existing row; otherwise update only the version that was read.
        await using var command = Keyed(expected == 0
            ? """
              INSERT INTO grain_state (storage, grain_id, state_name, version, data, updated_at) VALUES ($1, $2, $3, 1, $4, now())
              ON CONFLICT (storage, grain_id, state_name) DO NOTHING
              RETURNING version
              """
            : """
              UPDATE grain_state SET version = version + 1, data = $4, updated_at = now()
              WHERE storage = $1 AND grain_id = $2 AND state_name = $3 AND version = $5
              RETURNING version
              """, connection, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = data });
        if (expected != 0) command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        if (await command.ExecuteScalarAsync() is not long version)
        {
            throw GrainStateVersions.WriteConflict(stateName, grainId, await StoredVersionAsync(connection, stateName, grainId), expected, grainState.ETag);
        }
        GrainStateVersions.Stored(grainState, version);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = GrainStateVersions.Expected(grainState.ETag);
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = Keyed(grainState.ETag is null
            ? "DELETE FROM grain_state WHERE storage = $1 AND grain_id = $2 AND state_name = $3"
            : "DELETE FROM grain_state WHERE storage = $1 AND grain_id = $2 AND state_name = $3 AND version = $4", connection, stateName, grainId);
        if (grainState.ETag is not null) command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        if (await command.ExecuteNonQueryAsync() == 0 && grainState.ETag is not null
            && await StoredVersionAsync(connection, stateName, grainId) is { } stored)
        {
            throw GrainStateVersions.ClearConflict(stateName, grainId, stored, grainState.ETag);
        }
        GrainStateVersions.Missing(grainState);
    }

    private async Task<long?> StoredVersionAsync(NpgsqlConnection connection, string stateName, GrainId grainId)
    {
        await using var command = Keyed("SELECT version FROM grain_state WHERE storage = $1 AND grain_id = $2 AND state_name = $3",
            connection, stateName, grainId);
        return await command.ExecuteScalarAsync() as long?;
    }

    /// <summary>A command whose first three parameters are the row's key.</summary>
    private NpgsqlCommand Keyed(string sql, NpgsqlConnection connection, string stateName, GrainId grainId)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        return command;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {StorageName} keeps state in PostgreSQL {Database}")]
    private partial void LogOpened(string storageName, string database);
}
