using Microsoft.Data.Sqlite;

namespace CityBrain.Sqlite;

/// <summary>One SQLite file opened the same way everywhere in the cluster: WAL so readers never block the writer,
/// a busy timeout so concurrent writers wait instead of failing, and foreign keys on.</summary>
public sealed class SqliteDatabase
{
    /// <summary>How long a connection waits for another's lock before it fails.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;

    public SqliteDatabase(string path, SqliteDurability durability = SqliteDurability.Full)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        Durability = durability;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    public string Path { get; }

    public SqliteDurability Durability { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // synchronous is per connection; FULL survives power loss, NORMAL only a process crash (fine for derived data).
        Execute(connection, $"PRAGMA synchronous={(Durability == SqliteDurability.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA foreign_keys=ON;");
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        Execute(connection, sql);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

public enum SqliteDurability
{
    /// <summary>Every commit reaches the disk before it returns: for what has been acknowledged to someone.</summary>
    Full,
    /// <summary>Commits survive a crash of the process but maybe not of the machine: for data that can be rebuilt.</summary>
    Normal,
}
