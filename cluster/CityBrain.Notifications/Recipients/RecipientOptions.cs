namespace CityBrain.Notifications.Recipients;

/// <summary>One recipient as configured under <c>Notifications:Recipients:{id}</c>; <see cref="RecipientParser"/> turns it
/// into a <see cref="Recipient"/> or says what is wrong.</summary>
public sealed class RecipientOptions
{
    /// <summary>Who this is, for people reading lists and logs: "生态环境局值班室", "Director Wang".</summary>
    public string? Name { get; set; }

    public ChannelKind? Channel { get; set; }

    /// <summary>The webhook or robot URL, or the e-mail address.</summary>
    public string? Address { get; set; }

    /// <summary>The signed webhook's HMAC key (required there), or a DingTalk robot's signing secret (the SEC… string).</summary>
    public string? Secret { get; set; }

    /// <summary>"HH:mm-HH:mm" in <see cref="TimeZone"/>, e.g. "22:00-07:00"; none when unset.</summary>
    public string? QuietHours { get; set; }

    /// <summary>An IANA zone for <see cref="QuietHours"/>; the host's zone (<c>Notifications:TimeZone</c>) when unset.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Critical notifications reach this recipient during quiet hours too (a director wants severe pollution at 3 am).</summary>
    public bool CriticalBreaksQuietHours { get; set; }
}
