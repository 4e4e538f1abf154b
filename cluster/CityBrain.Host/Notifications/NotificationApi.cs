using CityBrain.Host.Api;
using CityBrain.Host.Security;
using CityBrain.Notifications.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Notifications;

/// <summary>The notification outbox for administrators: <c>GET /api/notifications/dead-letters</c> (given up, newest
/// first, with the last error), <c>POST /api/notifications/dead-letters/{recipientId}/{key}/retry</c> (back to pending,
/// attempts counted anew, sent at once), <c>GET /api/notifications/deliveries</c> (sent, newest first); the lists take
/// <c>?count=</c>.</summary>
public static class NotificationApi
{
    public const int DefaultCount = 50;
    public const int MaxCount = 500;

    public static void MapNotificationApi(this WebApplication app)
    {
        var notifications = app.MapGroup("/api/notifications").RequireAuthorization(Policies.Administer);
        notifications.MapGet("/dead-letters", (HttpRequest request, INotificationStore store, CancellationToken cancellationToken) =>
            ListAsync(NotificationState.Dead, request, store, cancellationToken));
        notifications.MapPost("/dead-letters/{recipientId}/{key}/retry", RetryAsync);
        notifications.MapGet("/deliveries", (HttpRequest request, INotificationStore store, CancellationToken cancellationToken) =>
            ListAsync(NotificationState.Sent, request, store, cancellationToken));
    }

    private static async Task<Results<Ok<NotificationResponse[]>, ProblemHttpResult>> ListAsync(
        NotificationState state, HttpRequest request, INotificationStore store, CancellationToken cancellationToken)
    {
        var (count, error) = Count(request.Query);
        if (error is not null) return Problem(StatusCodes.Status400BadRequest, error);
        var records = await store.LatestAsync(state, count, cancellationToken);
        return TypedResults.Ok(records.Select(NotificationResponse.Of).ToArray());
    }

    private static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> RetryAsync(
        string recipientId, string key, INotificationStore store, OutboxSignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.RequeueAsync(recipientId, key, time.GetUtcNow(), cancellationToken) is { } requeued)
        {
            signal.Raise();
            return TypedResults.Ok(NotificationResponse.Of(requeued));
        }
        return await store.FindAsync(recipientId, key, cancellationToken) is { } found
            ? Problem(StatusCodes.Status409Conflict,
                $"notification '{HistoryRequest.Show(key)}' to '{HistoryRequest.Show(recipientId)}' is {NotificationResponse.Name(found.State)}, not in the dead-letter list")
            : Problem(StatusCodes.Status404NotFound,
                $"recipient '{HistoryRequest.Show(recipientId)}' has no notification '{HistoryRequest.Show(key)}'");
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>The one parameter the lists take, or what is wrong with the query.</summary>
    private static (int Count, string? Error) Count(IQueryCollection query)
    {
        if (query.Keys.FirstOrDefault(k => k != "count") is { } unknown) return (0, $"unknown parameter '{HistoryRequest.Show(unknown)}'; use count");
        return CountParameter.TryRead(query["count"], "count", DefaultCount, MaxCount, out var count, out var error) ? (count, null) : (0, error);
    }
}

/// <summary>A notification in the outbox as the API shows it; severity and state as lower-case names.</summary>
public sealed record NotificationResponse(
    string RecipientId, string Key, string Severity, string Title, string Text, Uri? Link, string State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? FinishedAt, string? LastError)
{
    public static NotificationResponse Of(NotificationRecord record)
    {
        var n = record.Notification;
        return new(n.RecipientId, n.Key, n.Severity.ToString().ToLowerInvariant(), n.Title, n.Text, n.Link, Name(record.State), record.Attempts,
            record.CreatedAt, record.NextAttemptAt, record.FinishedAt, record.LastError);
    }

    public static string Name(NotificationState state) => state.ToString().ToLowerInvariant();
}
