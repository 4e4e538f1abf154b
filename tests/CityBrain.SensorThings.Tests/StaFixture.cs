using System.Net;
using System.Text.Json;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Time;
using CityBrain.Testing;

namespace CityBrain.SensorThings.Tests;

/// <summary>One host for the whole SensorThings suite, fed through MQTT like a real city: device sta-a in haidian
/// reports PM2.5, temperature and noise in 50 minutes of the past hour (enough for an hourly mean) (one noise reading invalid), sta-b in daxing
/// PM2.5 for ten minutes. The hour then closes, so the journal, the devices' hourly means and the districts' and the
/// city's aggregates all hold data. Anonymous callers may read the aggregates only (the default).</summary>
public sealed class StaFixture : IAsyncLifetime
{
    public const int ReportsA = 50;
    public const int ReportsB = 10;
    public const int InvalidSequence = 5;
    public const string PmA = "device:sta-a:pm2_5";

    private static readonly LocalCalendar Beijing = LocalCalendar.ForZone("Asia/Shanghai");

    public RunningHost Host { get; private set; } = null!;

    /// <summary>The past hour the reports fall in.</summary>
    public ClockHour Hour { get; private set; }

    /// <summary>An administrator's client: reads every dataset.</summary>
    public StaClient Admin { get; private set; } = null!;

    public StaClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await RunningHost.StartAsync(null, "--SensorThings:CatalogMaxAge=00:00:00", "--SensorThings:DefaultTop=20", "--SensorThings:MaxTop=50",
            "--Http:OpenRequestsPerMinutePerAddress=1000000");
        Admin = new StaClient(Host.Http);
        Anonymous = new StaClient(Host.Anonymous);
        Hour = Beijing.HourOf(DateTimeOffset.UtcNow.AddHours(-1));
        await using (var a = await Host.ConnectDeviceAsync("haidian", "sta-a"))
        {
            for (var minute = 0; minute < ReportsA; minute++)
            {
                var sequence = minute + 1;
                var noise = sequence == InvalidSequence
                    ? Reading.Of(Quantity.Noise, null, Quality.Invalid, "ics43432@i2s", reason: "microphone unplugged")
                    : Reading.Of(Quantity.Noise, 50 + minute % 7, Quality.Ok, "ics43432@i2s", 45, 60, 60);
                var ack = await a.PublishAsync(sequence, Hour.Start.AddMinutes(minute),
                    Reading.Of(Quantity.Pm2_5, 10 + minute, Quality.Ok, "pms5003@ttyS0", 9 + minute, 11 + minute, 60),
                    Reading.Of(Quantity.Temperature, 20.5, Quality.Ok, "bme280@1:0x76", 20, 21, 60),
                    noise);
                Assert.True(ack.IsSuccess, ack.ReasonString);
            }
        }
        await using (var b = await Host.ConnectDeviceAsync("daxing", "sta-b"))
        {
            for (var minute = 0; minute < ReportsB; minute++)
            {
                var ack = await b.PublishAsync(minute + 1, Hour.Start.AddMinutes(minute), Reading.Of(Quantity.Pm2_5, 80, Quality.Ok, "sps30@ttyAMA0"));
                Assert.True(ack.IsSuccess, ack.ReasonString);
            }
        }
        await RunningHost.EventuallyAsync(() => Admin.CountAsync($"Datastreams('{PmA}')/Observations"), n => n == ReportsA, "sta-a's raw PM2.5");
        await RunningHost.EventuallyAsync(() => Admin.CountAsync("Datastreams('device:sta-b:pm2_5')/Observations"), n => n == ReportsB, "sta-b's raw PM2.5");
        await RunningHost.EventuallyAsync(() => Admin.CountAsync($"Datastreams('{PmA}:hour')/Observations"), n => n >= 1, "sta-a's hourly PM2.5");
        await RunningHost.EventuallyAsync(() => Admin.CountAsync("Datastreams('district:haidian:aqi:hour')/Observations"), n => n >= 1, "haidian's hourly AQI");
        await RunningHost.EventuallyAsync(() => Admin.CountAsync("Datastreams('region:demo-city:aqi:hour')/Observations"), n => n >= 1, "the city's hourly AQI");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StaCollection : ICollectionFixture<StaFixture>
{
    public const string Name = "sta";
}

/// <summary>Reads the service as a client does: status and JSON body.</summary>
public sealed class StaClient(HttpClient http)
{
    public const string Root = "/sta/v1.1";

    public HttpClient Http { get; } = http;

    /// <summary>A path below the service root, or an absolute link the service wrote.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string path)
    {
        using var response = await Http.GetAsync(path.StartsWith("http", StringComparison.Ordinal) ? path : $"{Root}/{path}");
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var (status, body) = await SendAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path} answered {(int)status}: {body}");
        return body;
    }

    public async Task<long> CountAsync(string collection)
    {
        var (status, body) = await SendAsync($"{collection}{(collection.Contains('?') ? '&' : '?')}$count=true&$top=1");
        return status == HttpStatusCode.OK ? body.GetProperty("@iot.count").GetInt64() : -1;
    }

    /// <summary>The ids of a collection page.</summary>
    public async Task<List<string>> IdsAsync(string collection) =>
        [.. (await GetAsync(collection)).GetProperty("value").EnumerateArray().Select(e => e.GetProperty("@iot.id").GetString()!)];
}
