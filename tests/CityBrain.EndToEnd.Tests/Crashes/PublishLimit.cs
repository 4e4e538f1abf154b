namespace CityBrain.EndToEnd.Tests.Crashes;

/// <summary>How far a group of devices may get before a test's planned event (a kill, a restart, a store outage): their
/// first sends wait while the group's acknowledged reports are at the limit. Without it a fast machine finishes
/// publishing before a slow restart is over, and a loaded one may never get there in time; with it the event certainly
/// comes while reports remain, whatever the machine's speed.</summary>
public sealed class PublishLimit(Func<int> acknowledged, int limit)
{
    private int _limit = limit;

    public int Limit => Volatile.Read(ref _limit);

    public bool Reached => acknowledged() >= Limit;

    public void Raise(int to)
    {
        if (to < Limit) throw new ArgumentOutOfRangeException(nameof(to), to, $"the limit only rises (it is {Limit})");
        Volatile.Write(ref _limit, to);
    }
}
