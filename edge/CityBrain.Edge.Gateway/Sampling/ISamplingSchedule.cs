namespace CityBrain.Edge.Sampling;

/// <summary>When each sensor is read: the settings in force, which the cluster may change at any time.</summary>
public interface ISamplingSchedule
{
    /// <param name="configured">The sensor's own interval from the local configuration, if it has one.</param>
    TimeSpan IntervalOf(string sensor, TimeSpan? configured);

    bool IsEnabled(string sensor);

    /// <summary>Cancelled when the schedule changes, so that waits in progress end early.</summary>
    CancellationToken Changed { get; }
}
