using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
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

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_page_script_goes_compressed_to_a_browser_that_accepts_it_and_as_it_is_to_one_that_does_not(string encoding)
    {
        var page = await _host.Http.GetStringAsync("/");
        var script = Regex.Match(page, "<script[^>]+src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        using var plain = await _host.Http.GetAsync(script);
        var original = await plain.Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", $"identity;q=0.5, {encoding}, zstd;q=0");
        using var compressed = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", compressed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Equal("public, max-age=31536000, immutable", compressed.Headers.CacheControl?.ToString());
        var body = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length * 2 < original.Length, $"{encoding}: {body.Length} bytes of {original.Length}");
        await using Stream decoder = encoding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        Assert.Equal(original, decoded.ToArray());
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        // The copies are ways of sending the script, not files of their own; the API is never compressed.
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.GetAsync(script + (encoding == "br" ? ".br" : ".gz"))).StatusCode);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/quantities");
        api.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        Assert.Empty((await _host.Http.SendAsync(api)).Content.Headers.ContentEncoding);
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
