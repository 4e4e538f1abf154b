namespace CityBrain.Notifications.Recipients;

/// <summary>A configured recipient, validated. <see cref="Address"/> is a URL for the webhooks and robots (a robot's URL
/// carries its token) or a mailbox for e-mail.</summary>
public sealed record Recipient(
    string Id, string Name, ChannelKind Channel, string Address, string? Secret, QuietHours? QuietHours, bool CriticalBreaksQuietHours)
{
    /// <summary>When a notification of <paramref name="severity"/> may go out if not at <paramref name="now"/>: the end of
    /// the quiet hours <paramref name="now"/> falls in; null when it may go now.</summary>
    public DateTimeOffset? HeldUntil(NotificationSeverity severity, DateTimeOffset now) =>
        severity == NotificationSeverity.Critical && CriticalBreaksQuietHours ? null : QuietHours?.EndOf(now);

    /// <summary>Never the address or secret: both are credentials, and a recipient ends up in log lines.</summary>
    public override string ToString() => $"{Id} ({Channel})";
}
