using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityBrain.Testing.Servers;

/// <summary>A web server for tests that receives webhooks: Kestrel on a free loopback port, taking a POST to any path,
/// keeping what came (path, query, headers, body, and when by <see cref="TimeProvider"/>) and answering what
/// <see cref="Answer"/> says, by default HTTP 200 with a robot's "ok" (<c>{"errcode":0,"errmsg":"ok"}</c>).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string RobotOk = """{"errcode":0,"errmsg":"ok"}""";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Channel<ReceivedRequest> _arrivals = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary>The answer to a request, given it and how many came before it to the same path.</summary>
    public Func<ReceivedRequest, int, (int Status, string Body)> Answer { get; set; } = (_, _) => (StatusCodes.Status200OK, RobotOk);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <param name="time">The clock that stamps each request (a test's fake clock), the system's by default.</param>
    public static async Task<WebhookReceiver> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build(), time ?? TimeProvider.System);
        receiver._app.MapPost("/{**path}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>The next request received, waiting up to <paramref name="timeout"/> (30 s by default).</summary>
    public async Task<ReceivedRequest> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await _arrivals.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>What was received at <paramref name="path"/>, in order.</summary>
    public IReadOnlyList<ReceivedRequest> At(string path) => [.. _received.Where(r => r.Path == path)];

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var received = new ReceivedRequest(request.Path, request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray(), _time.GetUtcNow());
        var before = _counts.AddOrUpdate(received.Path, 1, (_, n) => n + 1) - 1;
        _received.Enqueue(received);
        await _arrivals.Writer.WriteAsync(received);
        var (status, answer) = Answer(received, before);
        return Results.Text(answer, "application/json", statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as received; <see cref="Query"/> values are URL-decoded.</summary>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, byte[] Body,
    DateTimeOffset At)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}
