namespace CityBrain.Host.Security;

/// <summary>What a person or a machine client may do. Every role may read the cockpit; each of the others adds one
/// kind of change, and the administrator may do all of them.</summary>
public static class Roles
{
    /// <summary>Reads the cockpit and the API, changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>Handles alerts and changes device configuration.</summary>
    public const string Operator = "operator";

    /// <summary>Provisions devices and manages the credentials of devices in their own districts.</summary>
    public const string Technician = "technician";

    /// <summary>Manages users, tokens and every credential, reads the audit log and the Orleans dashboard.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Technician, Administrator];
}

/// <summary>The authorization policies endpoints ask for, by what they change rather than by who may change it.</summary>
public static class Policies
{
    /// <summary>Any signed-in role; anonymous callers too when <c>Auth:AnonymousViewing</c> is set.</summary>
    public const string View = "view";

    /// <summary>Operator or administrator: alert handling, device configuration.</summary>
    public const string Operate = "operate";

    /// <summary>Technician or administrator: provisioning and device credentials.</summary>
    public const string Provision = "provision";

    /// <summary>Administrator only: users, tokens, the audit log, the Orleans dashboard.</summary>
    public const string Administer = "administer";
}
