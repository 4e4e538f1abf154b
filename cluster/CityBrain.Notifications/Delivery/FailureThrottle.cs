namespace CityBrain.Notifications.Delivery;

/// <summary>At most one log line per subject (a recipient, the store) per interval: a robot that is down fails every
/// notification queued for it, and one line a minute says so as well as a hundred.</summary>
public sealed class FailureThrottle(TimeProvider time, TimeSpan interval)
{
    private readonly Dictionary<string, (DateTimeOffset LoggedAt, int Suppressed)> _subjects = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>True when a line about <paramref name="subject"/> is due; then <paramref name="suppressed"/> is how many
    /// failures were not logged since the last one.</summary>
    public bool ShouldLog(string subject, out int suppressed)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_subjects.TryGetValue(subject, out var last) && now - last.LoggedAt < interval)
            {
                _subjects[subject] = last with { Suppressed = last.Suppressed + 1 };
                suppressed = 0;
                return false;
            }
            suppressed = last.Suppressed;
            _subjects[subject] = (now, 0);
            return true;
        }
    }

    /// <summary>A success: the next failure of <paramref name="subject"/> is news again.</summary>
    public void Clear(string subject)
    {
        lock (_lock) _subjects.Remove(subject);
    }
}
