namespace CityBrain.Storage.Accounts;

/// <summary>One change, or attempt at one, as the audit log keeps it.</summary>
/// <param name="Actor">The user or token name; for a login, the name that was tried; null when anonymous.</param>
/// <param name="Route">The endpoint's route pattern (<c>/api/devices/{id}/config</c>), or the path when none matched.</param>
/// <param name="RouteValues">The pattern's values as JSON (<c>{"id":"gw-1"}</c>).</param>
/// <param name="Address">The remote address the request came from.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string? Actor,
    string? Role,
    string Method,
    string Route,
    string RouteValues,
    int Status,
    string? Address);

/// <summary>Which entries to read: newest first, at most <paramref name="Count"/>, optionally of one actor and a time range
/// (<paramref name="From"/> included, <paramref name="To"/> excluded).</summary>
public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? Actor, int Count);
