using System.ComponentModel.DataAnnotations;

namespace CityBrain.Host.Security;

/// <summary>How people and machine clients sign in (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Lets anyone read what a viewer reads without signing in (a wall screen); never any change.</summary>
    public bool AnonymousViewing { get; set; }

    /// <summary>A file holding the first administrator's password, for automated installs; without it the first start
    /// (or with it empty) generates one and writes it to <c>initial-admin-password</c> in the data directory.</summary>
    public string? InitialAdminPasswordFile { get; set; }

    /// <summary>A session ends after this long without a request; every request renews it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins for one user name before further attempts wait.</summary>
    [Range(1, 1_000)]
    public int FailedLoginsBeforeDelay { get; set; } = 5;

    /// <summary>Failed sign-ins from one address before further attempts wait; higher, for offices behind one NAT.</summary>
    [Range(1, 100_000)]
    public int FailedLoginsBeforeDelayPerAddress { get; set; } = 50;

    /// <summary>The first wait after the allowance; it doubles with each failure up to <see cref="MaxLoginDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan LoginDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxLoginDelay { get; set; } = TimeSpan.FromMinutes(5);
}
