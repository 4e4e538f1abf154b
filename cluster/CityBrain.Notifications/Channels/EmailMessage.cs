using System.Net;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace CityBrain.Notifications.Channels;

/// <summary>A notification as an e-mail: the title as subject (MimeKit encodes non-ASCII, e.g. Chinese, as UTF-8), a
/// plain-text body with a simple HTML alternative, and a Message-ID made from the recipient and key, so a mail sent
/// again after a lost answer is recognisable as the same mail.</summary>
public static class EmailMessage
{
    public const string SeverityHeader = "X-CityBrain-Severity";

    public static MimeMessage Compose(Notification notification, string from, string to)
    {
        var message = new MimeMessage { Subject = notification.Title };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{notification.RecipientId}\n{notification.Key}")))[..32]}@citybrain";
        message.Headers.Add(SeverityHeader, notification.Severity.ToString().ToLowerInvariant());
        if (notification.Severity == NotificationSeverity.Critical) message.Importance = MessageImportance.High;
        var link = notification.Link?.AbsoluteUri;
        var body = new BodyBuilder
        {
            TextBody = link is null ? notification.Text : $"{notification.Text}\n\n{link}\n",
            HtmlBody = $"<p><strong>{Html(notification.Title)}</strong></p><p>{Html(notification.Text).ReplaceLineEndings("<br>")}</p>"
                + (link is null ? "" : $"<p><a href=\"{Html(link)}\">{Html(link)}</a></p>"),
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
