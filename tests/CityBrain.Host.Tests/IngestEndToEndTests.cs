using System.Net;
using System.Text;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Testing;
using CityBrain.Ingest.Metrics;
using CityBrain.Storage.DeadLetters;
using MQTTnet;

namespace CityBrain.Host.Tests;

[Collection(HostCollection.Name)]
public class IngestEndToEndTests(HostFixture fixture)
{
    private RunningHost Host => fixture.Host;

    private static DateTimeOffset RecentWindow => DateTimeOffset.UtcNow.AddMinutes(-1);

    [Fact]
    public async Task Telemetry_over_mqtt_reaches_the_city_api()
    {
        await using var a = Host.Device("haidian", "e2e-a");
        await using var b = Host.Device("haidian", "e2e-b");
        await a.ConnectAsync();
        await b.ConnectAsync();

        var first = await a.PublishAsync(1, RecentWindow, TestDevice.Value(Quantity.Pm2_5, 40), TestDevice.Value(Quantity.Noise, 60));
        await b.PublishAsync(1, RecentWindow, TestDevice.Value(Quantity.Pm2_5, 60), TestDevice.Value(Quantity.Noise, 70));

        Assert.True(first.IsSuccess, first.ReasonString);
        var district = await RunningHost.EventuallyAsync(
            async () => (await Host.GetAsync<RegionResponse>("/api/regions/demo-city"))!.Children.Single(d => d.Id == "haidian"),
            d => d.Latest.TryGetValue("noise", out var n) && n.Devices >= 2 && d.DevicesRegistered >= 2,
            "both devices in haidian's means");
        Assert.True(district.DevicesOnline >= 2);
        Assert.Equal("dB(A)", district.Latest["noise"].Unit);
        Assert.Equal("ug/m3", district.Latest["pm2_5"].Unit);
    }

    [Fact]
    public async Task Sound_levels_are_averaged_as_energies()
    {
        await using var a = Host.Device("mentougou", "energy-a");
        await using var b = Host.Device("mentougou", "energy-b");
        await a.ConnectAsync();
        await b.ConnectAsync();
        await a.PublishAsync(1, RecentWindow, TestDevice.Value(Quantity.Noise, 60));
        await b.PublishAsync(1, RecentWindow, TestDevice.Value(Quantity.Noise, 70));

        var detail = await RunningHost.EventuallyAsync(
            () => Host.GetAsync<RegionResponse>("/api/regions/mentougou")!,
            d => d!.Latest.TryGetValue("noise", out var n) && n.Devices == 2, "two noise values in mentougou");

        Assert.Equal(67.4, detail!.Latest["noise"].Value, 1);
        Assert.Contains(detail.Devices!, d => d.Id == "energy-a" && d.Online);
    }

    [Fact]
    public async Task A_malformed_payload_is_rejected_and_counted_and_the_next_good_one_is_accepted()
    {
        await using var device = Host.Device("chaoyang", "malformed-1");
        await device.ConnectAsync();
        var before = Host.Service<IngestMetrics>().Snapshot();

        var bad = await device.PublishRawAsync("citybrain/v1/chaoyang/malformed-1/telemetry", Encoding.UTF8.GetBytes("{\"version\":1, oops"));
        var good = await device.PublishAsync(1, RecentWindow, TestDevice.Value(Quantity.Co2, 420));

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, bad.ReasonCode);
        Assert.Contains("not valid JSON", bad.ReasonString);
        Assert.True(good.IsSuccess);
        var after = Host.Service<IngestMetrics>().Snapshot();
        Assert.True(after.Rejected > before.Rejected);
        Assert.True(after.RejectedByKind["NotJson"] >= 1);
        var letters = await Host.Service<IDeadLetterStore>().LatestAsync(50);
        Assert.Contains(letters, l => l.ClientId == "malformed-1" && l.Kind == "NotJson");
        var snapshot = await Host.GetAsync<DeviceResponse>("/api/devices/malformed-1");
        Assert.Equal(420, snapshot!.Latest["co2"].Value);
    }

    [Fact]
    public async Task A_redelivered_sequence_is_acknowledged_but_counted_once()
    {
        await using var device = Host.Device("fengtai", "dup-1");
        await device.ConnectAsync();

        var window = RecentWindow;
        Assert.True((await device.PublishAsync(5, window, TestDevice.Value(Quantity.Pm10, 80))).IsSuccess);
        Assert.True((await device.PublishAsync(5, window, TestDevice.Value(Quantity.Pm10, 999))).IsSuccess);

        var snapshot = await Host.GetAsync<DeviceResponse>("/api/devices/dup-1");
        Assert.Equal(1, snapshot!.Accepted);
        Assert.Equal(1, snapshot.Duplicates);
        Assert.Equal(80, snapshot.Latest["pm10"].Value);
    }

    [Fact]
    public async Task The_acknowledgement_comes_after_the_journal_commit()
    {
        await using var device = Host.Device("daxing", "durable-1");
        await device.ConnectAsync();

        var result = await device.PublishAsync(1, RecentWindow, TestDevice.Value(Quantity.Temperature, 21.5));

        Assert.True(result.IsSuccess);
        // Read the journal file through a connection of our own: what the PUBACK promised is on disk now.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Host.DataDirectory, "journal.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM raw_journal WHERE device_id = 'durable-1' AND sequence = 1";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task A_device_cannot_publish_as_another_device()
    {
        await using var intruder = Host.Device("haidian", "intruder-1");
        await intruder.ConnectAsync();
        var before = Host.Service<IngestMetrics>().Snapshot();

        var result = await intruder.PublishRawAsync("citybrain/v1/haidian/victim-1/telemetry", Encoding.UTF8.GetBytes("{}"));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.True(Host.Service<IngestMetrics>().Snapshot().RefusedByAcl > before.RefusedByAcl);
        var victim = await Host.Http.GetAsync("/api/devices/victim-1");
        Assert.Equal(HttpStatusCode.NotFound, victim.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_at_connect()
    {
        await using var device = Host.Device("haidian", "wrong-pass-1");

        var result = await device.ConnectAsync(password: "guess");

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
    }

    [Fact]
    public async Task A_device_in_a_district_outside_the_city_is_rejected_with_the_reason()
    {
        await using var device = Host.Device("atlantis", "lost-1");
        await device.ConnectAsync();

        var result = await device.PublishAsync(1, RecentWindow, TestDevice.Value(Quantity.Pm2_5, 10));

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, result.ReasonCode);
        Assert.Contains("atlantis", result.ReasonString);
    }

    [Theory]
    [InlineData("/api/regions/atlantis", "atlantis")]
    [InlineData("/api/devices/never-seen", "never-seen")]
    [InlineData("/api/devices/NOT_VALID", "NOT_VALID")]
    public async Task Unknown_ids_answer_404_with_a_json_error(string path, string named)
    {
        var response = await Host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_city_lists_every_district_of_the_city_file_even_without_data()
    {
        var city = await Host.GetAsync<RegionResponse>("/api/regions/demo-city");

        Assert.Equal(12, city!.Children.Count);
        Assert.Contains(city.Children, d => d.Id == "pinggu" && d.NameZh == "平谷区" && d.NoiseZone == "1");
    }
}
