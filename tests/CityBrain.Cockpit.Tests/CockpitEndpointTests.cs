using System.Net;
using System.Text.Json;
using CityBrain.Testing;

namespace CityBrain.Cockpit.Tests;

/// <summary>What the host serves around the page: the page for any of its own URLs, JSON errors for the API, the
/// vocabulary the page labels values with, and the Orleans dashboard.</summary>
public class CockpitEndpointTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/regions/haidian")]
    [InlineData("/devices/any-device")]
    [InlineData("/ops")]
    public async Task Every_view_url_is_answered_with_the_page(string path)
    {
        using var response = await _host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_json_404_not_the_page()
    {
        using var response = await _host.Http.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("no API at /api/no-such-thing", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_vocabulary_gives_every_quantity_its_display_unit()
    {
        using var body = JsonDocument.Parse(await _host.Http.GetStringAsync("/api/quantities"));
        var units = body.RootElement.EnumerateArray().ToDictionary(q => q.GetProperty("wireName").GetString()!, q => q.GetProperty("displayUnit").GetString());

        Assert.Equal(23, units.Count);
        Assert.Equal("µg/m³", units["pm2_5"]);
        Assert.Equal("°C", units["temperature"]);
        Assert.Equal("dB(A)", units["noise"]);
        Assert.Equal("µg/m³", units["pm4"]);
        Assert.Equal("#/cm³", units["nc2_5"]);
        Assert.Equal("", units["voc_index"]);
        Assert.Equal("ticks", units["nox_raw"]);
    }

    [Fact]
    public async Task The_aqi_scale_is_the_six_hj_633_categories_with_their_colours()
    {
        using var body = JsonDocument.Parse(await _host.Http.GetStringAsync("/api/aqi/categories"));
        var scale = body.RootElement.EnumerateArray().Select(c => (Upper: c.GetProperty("upperIndex").GetInt32(), Colour: c.GetProperty("colour").GetString())).ToList();

        Assert.Equal([(50, "#00E400"), (100, "#FFFF00"), (150, "#FF7E00"), (200, "#FF0000"), (300, "#99004C")], scale.Take(5));
        Assert.Equal("#7E0023", scale[5].Colour);
    }

    [Fact]
    public async Task The_orleans_dashboard_is_served_under_dashboard()
    {
        var page = await _host.Http.GetStringAsync("/dashboard/");

        Assert.Contains("<title>Orleans Dashboard</title>", page);
    }
}
