using CityBrain.Notifications.Recipients;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace CityBrain.Notifications.Channels;

/// <summary>E-mail over the SMTP server of <see cref="SmtpOptions"/>: a connection per message (notifications are few,
/// and a kept connection would go stale between them). A refusal by the server surfaces as MailKit's exception, whose
/// message carries the server's reply. Host, From and the password are there: the options were validated at start.</summary>
public sealed class EmailChannel(IOptions<NotificationOptions> options) : INotificationChannel
{
    public ChannelKind Kind => ChannelKind.Email;

    public async Task SendAsync(Notification notification, Recipient recipient, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var message = EmailMessage.Compose(notification, smtp.From!, recipient.Address);
        using var client = new SmtpClient { Timeout = (int)options.Value.SendTimeout.TotalMilliseconds };
        var security = smtp.Security switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
        if (smtp.UserName is { } user) await client.AuthenticateAsync(user, smtp.Password!, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
