using Microsoft.Extensions.Options;
using Npgsql;

namespace CityBrain.Storage.Postgres;

/// <summary>Where the cluster's shared PostgreSQL is. Pool size, timeouts and TLS are the connection string's own
/// settings (e.g. <c>Maximum Pool Size</c>, <c>Timeout</c>, <c>Command Timeout</c>, <c>SSL Mode</c>).</summary>
public sealed class PostgresStoreOptions
{
    public const string Section = "Postgres";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Port=5432;Username=citybrain;Password=…;Database=citybrain</c>.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Refuses a missing or unparsable connection string at start, naming the setting, rather than at the first
/// message the node receives.</summary>
public sealed class PostgresStoreOptionsValidator : IValidateOptions<PostgresStoreOptions>
{
    private const string Setting = $"{PostgresStoreOptions.Section}:{nameof(PostgresStoreOptions.ConnectionString)}";

    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{Setting} is missing: set it to the shared PostgreSQL's connection string, e.g. Host=db;Username=citybrain;Password=…;Database=citybrain");
        }
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(parsed.Host)
                ? ValidateOptionsResult.Fail($"{Setting} names no Host: it must say where the shared PostgreSQL is")
                : ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return ValidateOptionsResult.Fail($"{Setting} is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }
}
