using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Security;

/// <summary>The HTTP side's defences: a request body limit, per-address limits on API requests and on live streams,
/// limits on the open-data endpoints per address for anonymous callers and per account or token for signed-in ones
/// (all refused with 429 and Retry-After, counted by <see cref="HttpRefusals"/>), and the headers that keep the page
/// from being framed, sniffed or made to run scripts from elsewhere.</summary>
public static class HttpProtection
{
    /// <summary>The policy of the cockpit's live stream: concurrent streams per address.</summary>
    public const string StreamPolicy = "stream";

    /// <summary>The limits, as <see cref="HttpRefusals"/> counts them.</summary>
    public const string ApiLimit = "api", OpenAnonymousLimit = "open-anonymous", OpenCallerLimit = "open-caller";

    public static IReadOnlyList<string> LimitNames { get; } = [ApiLimit, StreamPolicy, OpenAnonymousLimit, OpenCallerLimit];

    /// <summary>The open-data interfaces (SensorThings, bulk exports): read by the public and other departments'
    /// tools, so limited apart from the cockpit's API.</summary>
    public static IReadOnlyList<PathString> OpenDataPaths { get; } = ["/sta", "/api/export", "/api/open-data"];

    /// <summary>Scripts only from this origin (the page has no inline script); ECharts writes style attributes, hence
    /// 'unsafe-inline' for styles only; no framing by anyone.</summary>
    private const string PageSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // When a fixed window does not say when it reopens (a concurrency limit never does), a client retries after this.
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(10);

    public static WebApplicationBuilder AddHttpProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpLimitsOptions>().BindConfiguration(HttpLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<HttpLimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        builder.Services.AddSingleton<HttpRefusals>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var window) ? window : DefaultRetryAfter;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var (limit, partition) = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == StreamPolicy
                    ? (StreamPolicy, AddressOf(context.HttpContext))
                    : Classify(context.HttpContext) ?? (ApiLimit, AddressOf(context.HttpContext));
                context.HttpContext.RequestServices.GetRequiredService<HttpRefusals>().Refused(limit, partition);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(StreamPolicy, context => RateLimitPartition.GetConcurrencyLimiter(AddressOf(context),
                _ => new ConcurrencyLimiterOptions { PermitLimit = Limits(context).StreamsPerAddress, QueueLimit = 0 }));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Classify(context) switch
            {
                (OpenAnonymousLimit, var address) => PerMinute($"{OpenAnonymousLimit}:{address}", Limits(context).OpenRequestsPerMinutePerAddress),
                (OpenCallerLimit, var caller) => PerMinute($"{OpenCallerLimit}:{caller}", Limits(context).OpenRequestsPerMinutePerCaller),
                (_, var address) => PerMinute(address, Limits(context).RequestsPerMinutePerAddress),
                null => RateLimitPartition.GetNoLimiter("pages"),
            });
        });
        return builder;
    }

    public static WebApplication UseHttpProtection(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // The Orleans dashboard is a page of its own with inline scripts: it keeps the framing rule only.
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Cockpit.CockpitSetup.DashboardPath)
                ? "frame-ancestors 'none'"
                : PageSecurityPolicy;
            return next(context);
        });
        app.Use(async (context, next) =>
        {
            // The open endpoints are limited by who calls, so the caller must be known before the limiter runs. The
            // handlers keep their result for the request, so the authentication middleware later does not repeat the work;
            // a token that fails leaves the caller anonymous, limited by address like anyone else.
            if (IsOpenData(context.Request.Path) && await context.AuthenticateAsync() is { Succeeded: true } result) context.User = result.Principal;
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Which limit a request counts against and its partition, or null when none does (pages, streams).</summary>
    private static (string Limit, string Partition)? Classify(HttpContext context)
    {
        var path = context.Request.Path;
        if (IsOpenData(path))
        {
            return context.User.IsSignedIn()
                ? (OpenCallerLimit, $"{context.User.FindFirstValue(AuthClaims.Kind)}:{context.User.Identity!.Name}")
                : (OpenAnonymousLimit, AddressOf(context));
        }
        return path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/stream") ? (ApiLimit, AddressOf(context)) : null;
    }

    private static bool IsOpenData(PathString path) => OpenDataPaths.Any(path.StartsWithSegments);

    private static RateLimitPartition<string> PerMinute(string partition, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static string AddressOf(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private static HttpLimitsOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<HttpLimitsOptions>>().Value;
}
