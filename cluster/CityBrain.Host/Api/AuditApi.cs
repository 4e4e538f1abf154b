using System.Globalization;
using System.Text.Json;
using CityBrain.Host.Security;
using CityBrain.Storage.Accounts;

namespace CityBrain.Host.Api;

/// <summary><c>GET /api/audit?from=&amp;to=&amp;user=&amp;count=</c>: the audit log, newest first, for administrators.</summary>
public static class AuditApi
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1_000;

    private static readonly string[] Parameters = ["from", "to", "user", "count"];

    public static void MapAuditApi(this WebApplication app) =>
        app.MapGet("/api/audit", QueryAsync).RequireAuthorization(Policies.Administer);

    private static async Task<IResult> QueryAsync(HttpRequest request, IAuditLog log, CancellationToken cancellationToken)
    {
        var (query, error) = Parse(request.Query);
        if (query is null) return SessionApi.Problem(StatusCodes.Status400BadRequest, error!);
        var entries = await log.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(entries.Select(AuditEntryResponse.Of));
    }

    /// <summary>The query, or the first parameter that is wrong, named.</summary>
    public static (AuditQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        if (query.Keys.FirstOrDefault(k => !Parameters.Contains(k)) is { } unknown)
        {
            return (null, $"unknown parameter '{HistoryRequest.Show(unknown)}'; use {string.Join(", ", Parameters)}");
        }
        if (Parameters.FirstOrDefault(p => query[p].Count > 1) is { } repeated) return (null, $"{repeated} is given more than once");
        if (!TryTime(query["from"], "from", out var from, out var error) || !TryTime(query["to"], "to", out var to, out error)) return (null, error);
        if (from is not null && to is not null && from >= to) return (null, $"from {from:O} must be before to {to:O}");
        string? user = query["user"];
        if (user is { Length: 0 or > 64 }) return (null, $"user '{HistoryRequest.Show(user)}' must be 1-64 characters");
        return CountParameter.TryRead(query["count"], "count", DefaultCount, MaxCount, out var count, out error)
            ? (new AuditQuery(from, to, user, count), null)
            : (null, error);
    }

    private static bool TryTime(string? text, string name, out DateTimeOffset? value, out string? error)
    {
        (value, error) = (null, null);
        if (text is null) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            && parsed.Year is >= 2000 and <= 9000)
        {
            value = parsed;
            return true;
        }
        error = $"{name} '{HistoryRequest.Show(text)}' is not a date and time; use ISO 8601, e.g. 2026-11-23T08:00:00Z";
        return false;
    }
}

/// <summary>One audit entry as the API shows it; the route values as a JSON object.</summary>
public sealed record AuditEntryResponse(
    DateTimeOffset At, string? Actor, string? Role, string Method, string Route, JsonElement RouteValues, int Status, string? Address)
{
    public static AuditEntryResponse Of(AuditEntry entry) => new(entry.At, entry.Actor, entry.Role, entry.Method, entry.Route,
        JsonDocument.Parse(entry.RouteValues).RootElement, entry.Status, entry.Address);
}
