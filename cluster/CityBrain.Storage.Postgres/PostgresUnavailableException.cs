using System.Net.Sockets;
using Npgsql;

namespace CityBrain.Storage.Postgres;

/// <summary>The shared PostgreSQL could not be reached, or went away mid-operation: nothing the caller did was wrong,
/// and the same operation may succeed once the server is back.</summary>
public sealed class PostgresUnavailableException(string message, Exception innerException) : Exception(message, innerException)
{
    /// <param name="database">host:port/database, never the connection string with its password.</param>
    public static PostgresUnavailableException At(string database, Exception cause) =>
        new($"PostgreSQL at {database} is unreachable: {cause.Message}", cause);

    /// <summary>Whether <paramref name="exception"/> says the server is down, restarting or out of reach, rather than
    /// that it refused what was asked.</summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or IOException or TimeoutException => true,
        _ => false,
    };
}
