using System.Text;

namespace CityBrain.Notifications.Channels;

/// <summary>A notification as the Markdown the WeCom and DingTalk robots show in a group: the severity and title in bold,
/// the text, and the link.</summary>
public static class RobotMarkdown
{
    /// <summary>How people in a Chinese bureau's group read the severity at a glance.</summary>
    public static string Label(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Critical => "【严重】",
        NotificationSeverity.Warning => "【预警】",
        _ => "【通知】",
    };

    public static string Of(Notification notification, int maxBytes)
    {
        var heading = $"**{Label(notification.Severity)}{notification.Title}**\n\n";
        var link = notification.Link is { } uri ? $"\n\n[{uri.AbsoluteUri}]({uri.AbsoluteUri})" : "";
        var room = maxBytes - Encoding.UTF8.GetByteCount(heading) - Encoding.UTF8.GetByteCount(link);
        return heading + Cut(notification.Text, room) + link;
    }

    /// <summary><paramref name="text"/>, cut at a character boundary with an ellipsis to fit <paramref name="maxBytes"/>
    /// of UTF-8.</summary>
    private static string Cut(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        const string Ellipsis = "…";
        var budget = maxBytes - Encoding.UTF8.GetByteCount(Ellipsis);
        var length = 0;
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget) break;
            used += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return text[..length] + Ellipsis;
    }
}
