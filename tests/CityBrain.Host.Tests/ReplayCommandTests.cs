using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Host.Hosting;
using CityBrain.Indicators.Time;
using CityBrain.Testing;
using Microsoft.Data.Sqlite;

namespace CityBrain.Host.Tests;

/// <summary><c>replay</c> against a stopped host's data: it rebuilds from the journal exactly what live ingest computed,
/// runs twice to the same numbers, and refuses to touch the data of a running host.</summary>
public class ReplayCommandTests
{
    private static readonly LocalCalendar Calendar = LocalCalendar.China;

    private static string HistoryPath(string district, ClockHour hour, string scope = "regions") =>
        $"/api/{scope}/{district}/history?metric=pm2_5&from={Uri.EscapeDataString(hour.Start.ToString("O"))}&to={Uri.EscapeDataString(hour.End.ToString("O"))}";

    private static string CityPath(ClockHour hour, string metric) =>
        $"/api/regions/demo-city/history?metric={metric}&from={Uri.EscapeDataString(hour.Start.ToString("O"))}&to={Uri.EscapeDataString(hour.End.ToString("O"))}";

    private static async Task<(double? Device1, double? Device2, double? District, double? City, double? CityAqi)> NumbersAsync(RunningHost host, ClockHour hour) => (
        (await host.GetAsync<HistoryResponse>(HistoryPath("replay-1", hour, "devices")))!.Points.Single().Value,
        (await host.GetAsync<HistoryResponse>(HistoryPath("replay-2", hour, "devices")))!.Points.Single().Value,
        (await host.GetAsync<HistoryResponse>(HistoryPath("shunyi", hour)))!.Points.Single().Value,
        (await host.GetAsync<HistoryResponse>(CityPath(hour, "pm2_5")))!.Points.Single().Value,
        (await host.GetAsync<HistoryResponse>(CityPath(hour, "aqi")))!.Points.Single().Value);

    private static async Task<(int Exit, string Output, string Error)> ReplayAsync(string dataDirectory, ClockHour hour)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ReplayCommand.RunAsync(["replay", "--from", hour.Start.ToString("O"), "--to", hour.End.ToString("O"), "--data", dataDirectory],
            output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Replay_rebuilds_lost_hours_to_the_numbers_live_ingest_computed_and_twice_changes_nothing()
    {
        var hour = Calendar.HourOf(DateTimeOffset.UtcNow.AddHours(-1));
        string dataDirectory;
        (double?, double?, double?, double?, double?) live;
        await using (var host = await RunningHost.StartAsync())
        {
            dataDirectory = host.DataDirectory;
            await using var first = await host.ConnectDeviceAsync("shunyi", "replay-1");
            await using var second = await host.ConnectDeviceAsync("shunyi", "replay-2");
            for (var minute = 0; minute < 60; minute++)
            {
                await first.PublishAsync(minute + 1, hour.Start.AddMinutes(minute), TestDevice.Value(Quantity.Pm2_5, 20 + minute));
                await second.PublishAsync(minute + 1, hour.Start.AddMinutes(minute), TestDevice.Value(Quantity.Pm2_5, 100 - minute * 0.5));
            }
            // Device means 49.5 and 85.25; the district and the city are the mean over both devices.
            await RunningHost.EventuallyAsync(() => host.GetAsync<HistoryResponse>(CityPath(hour, "pm2_5")),
                h => h!.Points.Single().Value is > 67.374 and < 67.376, "the city's hour from both devices");
            live = await NumbersAsync(host, hour);
        }
        Assert.Equal(49.5, live.Item1!.Value, 9);
        Assert.Equal(85.25, live.Item2!.Value, 9);

        // What a bug or a bad restore leaves behind: the hour gone from the history and the shares.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "history.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var wipe = connection.CreateCommand();
            wipe.CommandText = "DELETE FROM history WHERE start = $start; DELETE FROM hour_shares WHERE hour = $start;";
            wipe.Parameters.AddWithValue("$start", hour.Start.ToUnixTimeMilliseconds());
            Assert.True(await wipe.ExecuteNonQueryAsync() > 0);
        }

        var once = await ReplayAsync(dataDirectory, hour);
        var twice = await ReplayAsync(dataDirectory, hour);

        Assert.True(once.Exit == 0, once.Error);
        Assert.Contains("Replayed 120 reports of 2 devices", once.Output);
        Assert.Equal(0, twice.Exit);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "replay.checkpoint")));
        await using var after = await RunningHost.StartAsync(dataDirectory);
        Assert.Equal(live, await NumbersAsync(after, hour));
    }

    [Fact]
    public async Task Replay_refuses_the_data_of_a_running_host_and_a_range_it_cannot_rebuild()
    {
        var hour = Calendar.HourOf(DateTimeOffset.UtcNow.AddHours(-1));
        await using (var host = await RunningHost.StartAsync())
        {
            var running = await ReplayAsync(host.DataDirectory, hour);
            Assert.Equal(3, running.Exit);
            Assert.Contains($"in use by process {Environment.ProcessId}", running.Error);
        }

        var data = Directory.CreateTempSubdirectory("citybrain-replay-").FullName;
        var old = Calendar.HourOf(DateTimeOffset.UtcNow.AddDays(-40));
        var tooOld = await ReplayAsync(data, old);
        Assert.Equal(2, tooOld.Exit);
        Assert.Contains("Journal:Retention", tooOld.Error);

        var error = new StringWriter();
        Assert.Equal(2, await ReplayCommand.RunAsync(["replay", "--from", "yesterday", "--to", hour.End.ToString("O"), "--data", data], new StringWriter(), error));
        Assert.Contains("--from 'yesterday' is not a time", error.ToString());
        error = new StringWriter();
        Assert.Equal(2, await ReplayCommand.RunAsync(["replay", "--from", hour.End.ToString("O"), "--to", hour.Start.ToString("O"), "--data", data], new StringWriter(), error));
        Assert.Contains("must be after --from", error.ToString());
        error = new StringWriter();
        Assert.Equal(2, await ReplayCommand.RunAsync(["replay", "--from", hour.Start.ToString("O"), "--to", hour.End.ToString("O"), "--district", "atlantis", "--data", data], new StringWriter(), error));
        Assert.Contains("'atlantis' is not a district of 'demo-city'", error.ToString());
        error = new StringWriter();
        Assert.Equal(3, await ReplayCommand.RunAsync(["replay", "--from", hour.Start.ToString("O"), "--to", hour.End.ToString("O"), "--mode=Cluster",
            "--postgres=Host=127.0.0.1;Port=1;Username=citybrain"], new StringWriter(), error));
        Assert.Contains("stop every silo first", error.ToString());
    }
}
