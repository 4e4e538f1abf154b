using CityBrain.Indicators.Alerts;

namespace CityBrain.Supervision.Options;

/// <summary>How cases are run: who handles what where, how long each step may take, when the data counts as having
/// verified a case. Section <c>Supervision</c>.</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>How often the desk reads the alerts and checks deadlines and verifications.</summary>
    public TimeSpan ReviewInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the exceedance must have stayed ended before the data verifies a handled case. Alerts clear
    /// with hysteresis already; this is the bureau's "and it did not come back" on top.</summary>
    public TimeSpan VerifyAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>An episode returning within this time after its case closed reopens that case instead of raising a new
    /// one, and counts as a repeat exceedance.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An alert that had already ended when the desk first saw it (the host was down, or the desk is new)
    /// becomes a case only if it ended within this time: an exceedance of last month needs no dispatch today.</summary>
    public TimeSpan EndedAlertsTaken { get; set; } = TimeSpan.FromHours(6);

    public DeadlineOptions Warning { get; set; } = new() { Acknowledge = TimeSpan.FromHours(2), Handle = TimeSpan.FromHours(24) };

    public DeadlineOptions Critical { get; set; } = new() { Acknowledge = TimeSpan.FromMinutes(30), Handle = TimeSpan.FromHours(4) };

    public List<DepartmentOptions> Departments { get; set; } = [];

    /// <summary>Which department handles which kind of case where; a region's assignment holds for every place below it
    /// that has none of its own.</summary>
    public List<AssignmentOptions> Assignments { get; set; } = [];

    /// <summary>Who is told when a case is raised, reopened, escalated to or verified in a region (and below it, unless
    /// a lower region names its own).</summary>
    public List<SupervisorOptions> Supervisors { get; set; } = [];

    public DeadlineOptions DeadlinesFor(AlertSeverity severity) => severity == AlertSeverity.Critical ? Critical : Warning;
}

/// <summary>How long a case may wait for each step.</summary>
public sealed class DeadlineOptions
{
    /// <summary>From raise to acknowledgement, and again from acknowledgement to dispatch.</summary>
    public TimeSpan Acknowledge { get; set; }

    /// <summary>From dispatch to the department's report of its handling.</summary>
    public TimeSpan Handle { get; set; }
}

public sealed class DepartmentOptions
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string NameZh { get; set; } = "";

    /// <summary>Notification recipients (ids of <c>Notifications:Recipients</c>) told of cases dispatched to it.</summary>
    public List<string> Recipients { get; set; } = [];
}

public sealed class AssignmentOptions
{
    /// <summary>A region id; empty for the root, whatever the tree.</summary>
    public string Region { get; set; } = "";

    /// <summary><c>air</c>, <c>noise</c> or <c>device</c>.</summary>
    public string Kind { get; set; } = "";

    public string Department { get; set; } = "";
}

public sealed class SupervisorOptions
{
    /// <summary>A region id; empty for the root, whatever the tree.</summary>
    public string Region { get; set; } = "";

    public List<string> Recipients { get; set; } = [];
}
