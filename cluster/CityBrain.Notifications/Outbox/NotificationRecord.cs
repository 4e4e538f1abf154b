namespace CityBrain.Notifications.Outbox;

/// <summary>A notification in the outbox with what has happened to it. The transitions are the sender's; a store only
/// keeps them.</summary>
/// <param name="Attempts">Attempts made so far; holding a notification through quiet hours is not one.</param>
/// <param name="FinishedAt">When it was sent or given up.</param>
/// <param name="LastError">Why the last attempt failed (at most <see cref="MaxErrorLength"/> characters).</param>
public sealed record NotificationRecord(
    Notification Notification, NotificationState State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt,
    DateTimeOffset? FinishedAt, string? LastError)
{
    public const int MaxErrorLength = 1_000;

    public static NotificationRecord New(Notification notification, DateTimeOffset now) =>
        new(notification, NotificationState.Pending, 0, now, now, null, null);

    public NotificationRecord Sent(DateTimeOffset at) =>
        this with { State = NotificationState.Sent, Attempts = Attempts + 1, FinishedAt = at, LastError = null };

    public NotificationRecord Failed(string error, DateTimeOffset nextAttemptAt) =>
        this with { Attempts = Attempts + 1, NextAttemptAt = nextAttemptAt, LastError = Bound(error) };

    /// <summary>Given up: after its last attempt failed with <paramref name="error"/>, or without one when it can no longer
    /// be sent at all (<paramref name="attempted"/> false).</summary>
    public NotificationRecord Dead(string error, DateTimeOffset at, bool attempted = true) =>
        this with { State = NotificationState.Dead, Attempts = Attempts + (attempted ? 1 : 0), FinishedAt = at, LastError = Bound(error) };

    public NotificationRecord HeldUntil(DateTimeOffset until) => this with { NextAttemptAt = until };

    private static string Bound(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
