using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications;

/// <summary>The <c>Notifications</c> section: who may be told things, how hard to try, and the SMTP server.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The zone of quiet hours when neither a recipient nor the host names one.</summary>
    public const string FallbackTimeZone = "Asia/Shanghai";

    /// <summary>By id (1-64 of a-z 0-9 - _): the id is what the code that enqueues names.</summary>
    public Dictionary<string, RecipientOptions> Recipients { get; set; } = [];

    /// <summary>The IANA zone of quiet hours for recipients without one of their own; the host sets its region tree's
    /// zone, otherwise <see cref="FallbackTimeZone"/>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Attempts before a notification goes to the dead-letter list (the first one included).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure up to <see cref="MaxDelay"/>,
    /// and each wait is drawn between half of that and all of it.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt (connect, send, answer) may take.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a node owns the notifications it took to send: a node that dies while sending leaves them to the
    /// others after this. More than twice <see cref="SendTimeout"/>.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sender looks for work it was not told about (enqueued on another node of a cluster).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long sent and dead notifications are kept; a key enqueued again after that is sent again.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The zone of quiet hours for recipients without one.</summary>
    public TimeZoneInfo DefaultZone() =>
        RecipientParser.TryZone(TimeZone ?? FallbackTimeZone, out var zone) ? zone : throw new InvalidOperationException($"{Section}:TimeZone '{TimeZone}' is unknown");
}
