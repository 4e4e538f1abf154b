using CityBrain.Ingest.Broker;
using CityBrain.Ingest.Metrics;
using CityBrain.Storage.DeadLetters;

namespace CityBrain.Host.Api;

/// <summary>What operators watch: ingest rates, refused messages, session takeovers, and the liveness probe.</summary>
public static class OpsApi
{
    public static void MapOpsApi(this WebApplication app)
    {
        var ops = app.MapGroup("/api/ops");
        ops.MapGet("/ingest", (IngestMetrics metrics) => metrics.Snapshot());
        ops.MapGet("/rejections", GetRejectionsAsync);
        ops.MapGet("/session-conflicts", (SessionTakeovers takeovers) => takeovers.Conflicts());
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
    }

    private static async Task<IReadOnlyList<DeadLetter>> GetRejectionsAsync(IDeadLetterStore store, int? count) =>
        await store.LatestAsync(Math.Clamp(count ?? 50, 1, 500));
}
