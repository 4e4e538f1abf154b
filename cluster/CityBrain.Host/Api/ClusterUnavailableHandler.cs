using CityBrain.Storage.Postgres;
using Microsoft.AspNetCore.Diagnostics;

namespace CityBrain.Host.Api;

/// <summary>Answers a request that failed because part of the cluster is out of reach — a silo that died and is not yet
/// declared dead, a grain call that timed out, the shared PostgreSQL down — with 503, Retry-After and a problem
/// document saying what is recovering. A 500 would read as a bug in the API, and a client or proxy would not retry.
/// Anything else stays a 500.</summary>
public sealed partial class ClusterUnavailableHandler(IProblemDetailsService problems, TimeProvider time, ILogger<ClusterUnavailableHandler> logger)
    : IExceptionHandler
{
    /// <summary>A silo is declared dead and its grains move within seconds; a client retrying sooner only adds load.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _unlogged;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Reason(exception) is not { } reason) return false;
        LogRateLimited(httpContext.Request.Path, reason, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Part of the cluster is recovering",
                Detail = $"{reason}; try again in {RetryAfter.TotalSeconds:0} s.",
            },
        });
    }

    /// <summary>What is out of reach, for the exceptions that mean the cluster is recovering; null for any other.</summary>
    public static string? Reason(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException =>
            "a silo holding part of the answer is out of reach, and the cluster is moving its work to the others",
        TimeoutException => "a part of the cluster did not answer in time",
        PostgresUnavailableException => "the cluster's database is unreachable",
        { InnerException: { } inner } => Reason(inner),
        _ => null,
    };

    private void LogRateLimited(PathString path, string reason, Exception exception)
    {
        int suppressed;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _lastLogged < LogEvery)
            {
                _unlogged++;
                return;
            }
            (suppressed, _unlogged, _lastLogged) = (_unlogged, 0, now);
        }
        Log.Unavailable(logger, path.Value ?? "", reason, exception.GetType().Name, suppressed);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
            Message = "Answered {Path} with 503: {Reason} ({ExceptionType}); {Suppressed} more such answers since the last line")]
        public static partial void Unavailable(ILogger logger, string path, string reason, string exceptionType, int suppressed);
    }
}
