using System.Text.Json;
using CityBrain.Storage.Accounts;

namespace CityBrain.Host.Security;

/// <summary>Records every request that may change something (any method but GET and HEAD), whatever its endpoint and
/// whether it was allowed, so a new write endpoint cannot forget it: who (user or token, for a sign-in the name tried),
/// role, method, route pattern and values, status, time and remote address. Bodies are never recorded: they may hold
/// passwords.</summary>
public sealed partial class AuthAudit(RequestDelegate next, IAuditLog log, TimeProvider time, ILogger<AuthAudit> logger)
{
    private const int MaxRouteLength = 200;
    private const string ActorKey = "citybrain:audit-actor";

    /// <summary>Names the actor of a request that is not signed in yet, or whose sign-in happened during it.</summary>
    public static void NoteActor(HttpContext context, string name, string? role) => context.Items[ActorKey] = new NotedActor(name, role);

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            await RecordAsync(context, status);
        }
    }

    private async Task RecordAsync(HttpContext context, int status)
    {
        var (actor, role) = context.Items.TryGetValue(ActorKey, out var item) && item is NotedActor noted
            ? (noted.Name, noted.Role)
            : (context.User.Identity?.Name, context.User.Role());
        var route = context.GetEndpoint() is RouteEndpoint endpoint ? endpoint.RoutePattern.RawText ?? "" : context.Request.Path.Value ?? "";
        // A group's own route ("/api/users" + "") ends in a slash; the log names it as callers write it.
        if (route.Length > 1) route = route.TrimEnd('/');
        var values = JsonSerializer.Serialize(context.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value?.ToString()));
        var entry = new AuditEntry(time.GetUtcNow(), Truncate(actor), role, context.Request.Method, Truncate(route)!, Truncate(values)!,
            status, context.Connection.RemoteIpAddress?.ToString());
        try
        {
            // Not the request's token: an aborted request was still attempted and may have changed something.
            await log.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotRecorded(ex, entry.Method, entry.Route, entry.Actor, entry.Status);
        }
    }

    private static string? Truncate(string? text) => text is { Length: > MaxRouteLength } ? text[..MaxRouteLength] : text;

    private sealed record NotedActor(string Name, string? Role);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit log: could not record {Method} {Route} by {Actor} ({Status})")]
    private partial void LogNotRecorded(Exception exception, string method, string route, string? actor, int status);
}
