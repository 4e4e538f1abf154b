namespace CityBrain.Indicators.Alerts;

/// <summary>The active alerts and their clearing progress: the whole state of the alert state machine. Immutable and
/// made of plain records, so a grain can persist it as it is; <see cref="Evaluate"/> returns the next book.</summary>
public sealed record AlertBook(IReadOnlyList<ActiveAlert> Active)
{
    public static AlertBook Empty { get; } = new([]);

    /// <summary>Applies <paramref name="checks"/> in time order. A key without a check keeps its state: no value is
    /// no evidence either way.</summary>
    public AlertStep Evaluate(IEnumerable<AlertCheck> checks, AlertPolicy? policy = null)
    {
        policy ??= AlertPolicy.Default;
        var active = Active.ToDictionary(a => a.Alert.Key);
        var events = new List<AlertEvent>();
        foreach (var check in checks.OrderBy(c => c.At))
        {
            var hysteresis = policy.For(check.Key.Kind);
            if (!active.TryGetValue(check.Key, out var current))
            {
                if (check.Value <= check.Limit) continue;
                var raised = new Alert(check.Key, check.At, null, check.Value, check.Value, check.Limit);
                active[check.Key] = new ActiveAlert(raised, 0, null);
                events.Add(new AlertEvent(AlertTransition.Raised, raised));
                continue;
            }
            var alert = current.Alert with { Value = check.Value, Peak = Math.Max(current.Alert.Peak, check.Value), Limit = check.Limit };
            if (check.Value > hysteresis.ClearLevel(check.Limit))
            {
                active[check.Key] = new ActiveAlert(alert, 0, null);
                continue;
            }
            var clearing = new ActiveAlert(alert, current.ClearStreak + 1, current.ClearingSince ?? check.At);
            if (clearing.ClearStreak < hysteresis.ClearAfter)
            {
                active[check.Key] = clearing;
                continue;
            }
            active.Remove(check.Key);
            events.Add(new AlertEvent(AlertTransition.Cleared, alert with { End = clearing.ClearingSince }));
        }
        return new AlertStep(new AlertBook([.. active.Values.OrderBy(a => a.Alert.Start)]), events);
    }
}

/// <param name="ClearStreak">Consecutive evaluations at or below the clear level so far.</param>
/// <param name="ClearingSince">The first of those evaluations; the alert's end if the streak completes.</param>
public sealed record ActiveAlert(Alert Alert, int ClearStreak, DateTimeOffset? ClearingSince);

public sealed record AlertStep(AlertBook Book, IReadOnlyList<AlertEvent> Events);
