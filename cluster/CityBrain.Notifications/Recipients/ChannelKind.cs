namespace CityBrain.Notifications.Recipients;

/// <summary>How a recipient is reached; each has one <see cref="Channels.INotificationChannel"/>.</summary>
public enum ChannelKind
{
    /// <summary>A JSON POST signed with HMAC-SHA256 of the recipient's secret (see the README).</summary>
    Webhook,

    /// <summary>Mail over the SMTP server of <c>Notifications:Smtp</c>.</summary>
    Email,

    /// <summary>A WeCom (企业微信) group robot's webhook URL.</summary>
    WeCom,

    /// <summary>A DingTalk (钉钉) custom robot's webhook URL, signed when the robot has a secret.</summary>
    DingTalk,
}
