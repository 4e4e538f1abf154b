namespace CityBrain.Storage.Postgres;

/// <summary>A run of failed commits, so a store logs one line when they start and one when they stop instead of one
/// per failure while the database is away. Not thread-safe: each store updates it from its one writer.</summary>
public sealed class FailureStreak(TimeProvider time)
{
    private Streak? _current;

    /// <summary>Counts a failed commit of <paramref name="items"/>; true for the first of a streak, which the caller logs.</summary>
    public bool Fail(int items)
    {
        var streak = _current ?? new Streak(time.GetUtcNow(), 0, 0);
        _current = streak with { Commits = streak.Commits + 1, Items = streak.Items + items };
        return streak.Commits == 0;
    }

    /// <summary>Ends the streak on a successful commit; the streak that ended, for the caller to log, or null.</summary>
    public Streak? Succeed()
    {
        var ended = _current;
        _current = null;
        return ended is null ? null : ended with { Duration = time.GetUtcNow() - ended.Since };
    }
}

/// <param name="Commits">Failed commits.</param>
/// <param name="Items">What those commits would have written.</param>
public sealed record Streak(DateTimeOffset Since, int Commits, long Items, TimeSpan Duration = default);
