namespace CityBrain.Edge.Cli;

/// <summary>What <c>citybrain-edge</c> exits with, so that scripts (and systemd) can tell the mistakes apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something unexpected; the message says what.</summary>
    public const int Failed = 1;

    /// <summary>The configuration is missing, malformed or invalid.</summary>
    public const int Configuration = 2;

    /// <summary>A bus, port or sensor cannot be used (missing, no permission, busy, not answering).</summary>
    public const int Hardware = 3;

    /// <summary>The broker cannot be reached.</summary>
    public const int BrokerUnreachable = 4;

    /// <summary>The broker refused the gateway's credentials.</summary>
    public const int CredentialsRefused = 5;

    /// <summary>The gateway service is not running (or not on this data directory).</summary>
    public const int ServiceNotRunning = 6;

    /// <summary>Another gateway already runs on this data directory.</summary>
    public const int AlreadyRunning = 7;

    /// <summary>Another gateway uses this device id: the broker keeps handing the session from one to the other.</summary>
    public const int IdInUse = 8;

    /// <summary><c>install</c> was not run as root: it creates the service user and writes to /etc.</summary>
    public const int NotRoot = 9;

    /// <summary><c>check</c> found something to look at (a ⚠ line) and nothing that fails.</summary>
    public const int CheckWarnings = 10;

    /// <summary><c>check</c> found something that keeps the gateway from working (a ✗ line).</summary>
    public const int CheckFailures = 11;

    /// <summary><c>status</c>: the service runs, but the disk of its data directory is full: new reports are not stored.</summary>
    public const int DiskFull = 12;

    /// <summary>The command line itself is wrong: an unknown command or option, a missing argument (EX_USAGE of sysexits.h).</summary>
    public const int Usage = 64;
}
