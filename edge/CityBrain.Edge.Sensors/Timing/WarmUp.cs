using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sensors.Timing;

/// <summary>The time after power-up or wake-up during which a chip's values are not yet trustworthy (a fan settling, an
/// NDIR lamp heating). It restarts whenever the chip may have lost power, so a replugged sensor is warmed up again.</summary>
public sealed class WarmUp(TimeProvider time, TimeSpan duration, string what)
{
    private DateTimeOffset? _since;

    public TimeSpan Duration => duration;

    /// <summary>The chip was (probably) powered up or woken now, or on the next frame if it is silent now.</summary>
    public void Restart() => _since = null;

    /// <summary>The chip just answered: starts the clock if it was not running.</summary>
    public void Answered() => _since ??= time.GetUtcNow();

    /// <summary>How much of the warm-up is left; zero once it is over. A chip not yet heard from has all of it left.</summary>
    public TimeSpan Remaining => _since is { } since ? TimeSpan.FromTicks(Math.Max(0, (duration - (time.GetUtcNow() - since)).Ticks)) : duration;

    /// <summary>Ok after the warm-up; before it, suspect with how far the warm-up has come.</summary>
    public (Quality Quality, string? Reason) Assess()
    {
        var elapsed = time.GetUtcNow() - (_since ??= time.GetUtcNow());
        return elapsed >= duration
            ? (Quality.Ok, null)
            : (Quality.Suspect, $"{what}: {elapsed.TotalSeconds:F0} s of {duration.TotalSeconds:F0} s");
    }
}
