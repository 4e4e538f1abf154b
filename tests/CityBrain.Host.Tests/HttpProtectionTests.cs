using System.Net;
using System.Text;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>The HTTP side's defences, against the real host over loopback.</summary>
public class HttpProtectionTests
{
    [Fact]
    public async Task Pages_and_the_api_forbid_framing_sniffing_and_scripts_from_elsewhere_and_a_huge_body_is_refused()
    {
        await using var host = await RunningHost.StartAsync();

        using var page = await host.Http.GetAsync("/");
        using var api = await host.Http.GetAsync("/api/regions/demo-city");
        using var huge = await host.Http.PutAsync("/api/devices/huge-1/config",
            new StringContent($"{{\"version\":1,\"padding\":\"{new string('x', 200_000)}\"}}", Encoding.UTF8, "application/json"));

        foreach (var response in new[] { page, api })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("script-src 'self'", policy);
        }
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Live_streams_beyond_the_limit_for_one_address_are_refused_with_retry_after()
    {
        await using var host = await RunningHost.StartAsync(null, "--Http:StreamsPerAddress=2");
        using var client = host.NewClient(timeout: Timeout.InfiniteTimeSpan);

        using var first = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        using var third = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        second.Dispose();
        // A stream that ended gives its place back.
        HttpResponseMessage again;
        var attempts = 0;
        do
        {
            again = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
            if (again.StatusCode == HttpStatusCode.OK || ++attempts == 100) break;
            again.Dispose();
            await Task.Delay(100);
        }
        while (true);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, third.StatusCode));
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        again.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/api/regions/demo-city")).StatusCode);
    }

    [Fact]
    public async Task A_flood_of_anonymous_open_data_requests_is_refused_while_a_token_holder_still_reads()
    {
        await using var host = await RunningHost.StartAsync(null, "--Http:OpenRequestsPerMinutePerAddress=5", "--Http:OpenRequestsPerMinutePerCaller=50");
        using var forged = host.NewClient(new CookieContainer());
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        var flood = new List<(HttpStatusCode Status, bool RetryAfter)>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await host.Anonymous.GetAsync((i % 3) switch { 0 => "/sta/v1.1/Things", 1 => "/api/export?scope=city", _ => "/api/open-data/files" });
            flood.Add((response.StatusCode, response.Headers.RetryAfter is not null));
        }
        using var forgedResponse = await forged.GetAsync("/sta/v1.1/Things");
        var holder = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await host.Http.GetAsync("/sta/v1.1/Things");
            holder.Add(response.StatusCode);
        }

        Assert.DoesNotContain(flood.Take(5), r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.All(flood.Skip(5), r => Assert.Equal((HttpStatusCode.TooManyRequests, true), r));
        // A token that does not sign in is no way around the public's limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, forgedResponse.StatusCode);
        Assert.All(holder, status => Assert.Equal(HttpStatusCode.OK, status));
        // The cockpit's API keeps its own, separate allowance.
        using var cockpit = await host.Anonymous.GetAsync("/api/session");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, cockpit.StatusCode);
    }
}
