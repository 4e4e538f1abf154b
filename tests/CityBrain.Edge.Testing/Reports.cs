using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Testing;

/// <summary>Report windows and outboxes for tests.</summary>
public static class Reports
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A report of <paramref name="readings"/> readings like a gateway with several sensors makes.</summary>
    public static IReadOnlyList<Reading> Readings(double value = 20, int readings = 3) =>
        Enumerable.Range(0, readings).Select(i => Reading.Of(Quantity.Temperature, value + i, Quality.Ok, $"sensor-{i}", value + i - 1, value + i + 1, 12)).ToList();

    public static SqliteOutbox Open(string path, TimeProvider? time = null, OutboxOptions? options = null) =>
        SqliteOutbox.Open(path, options ?? new OutboxOptions(), time ?? TimeProvider.System, NullLogger<SqliteOutbox>.Instance);
}
