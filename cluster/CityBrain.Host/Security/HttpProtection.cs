using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Security;

/// <summary>The HTTP side's defences: a request body limit, per-address limits on API requests and on live streams
/// (refused with 429 and Retry-After), and the headers that keep the page from being framed, sniffed or made to run
/// scripts from elsewhere.</summary>
public static class HttpProtection
{
    /// <summary>The policy of the cockpit's live stream: concurrent streams per address.</summary>
    public const string StreamPolicy = "stream";

    /// <summary>Scripts only from this origin (the page has no inline script); ECharts writes style attributes, hence
    /// 'unsafe-inline' for styles only; no framing by anyone.</summary>
    private const string PageSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddHttpProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpLimitsOptions>().BindConfiguration(HttpLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<HttpLimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "10";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(StreamPolicy, context => RateLimitPartition.GetConcurrencyLimiter(AddressOf(context),
                _ => new ConcurrencyLimiterOptions { PermitLimit = Limits(context).StreamsPerAddress, QueueLimit = 0 }));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/api/stream")
                    ? RateLimitPartition.GetFixedWindowLimiter(AddressOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = Limits(context).RequestsPerMinutePerAddress,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("pages"));
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
        app.UseRateLimiter();
        return app;
    }

    private static string AddressOf(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private static HttpLimitsOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<HttpLimitsOptions>>().Value;
}
