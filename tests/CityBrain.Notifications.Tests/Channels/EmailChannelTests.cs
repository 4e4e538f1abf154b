using CityBrain.Notifications.Channels;
using CityBrain.Notifications.Recipients;
using CityBrain.Testing.Servers;
using MimeKit;

namespace CityBrain.Notifications.Tests.Channels;

/// <summary>E-mail through MailKit to a local SMTP sink, read back with MimeKit as a mail client would.</summary>
public sealed class EmailChannelTests
{
    [Fact]
    public async Task The_mail_arrives_with_its_chinese_subject_text_link_and_severity_after_signing_in()
    {
        await using var sink = SmtpSink.Start();
        var channel = new EmailChannel(Microsoft.Extensions.Options.Options.Create(new NotificationOptions
        {
            Smtp = new SmtpOptions
            {
                Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None, UserName = "citybrain", Password = "mail-password",
                From = "城市大脑 CityBrain <citybrain@example.gov.cn>",
            },
        }));
        var recipient = new Recipient("director", "王局长", ChannelKind.Email, "wang@example.gov.cn", null, null, true);

        await channel.SendAsync(Samples.Critical(recipient: "director"), recipient, CancellationToken.None);

        var mail = await sink.NextAsync();
        Assert.Equal(("citybrain@example.gov.cn", "wang@example.gov.cn", "citybrain"), (mail.From, Assert.Single(mail.To), mail.User));
        var message = MimeMessage.Load(new MemoryStream(mail.Raw));
        Assert.Equal("严重污染：臭氧 8 小时超标", message.Subject);
        Assert.Equal("城市大脑 CityBrain", ((MailboxAddress)message.From.Single()).Name);
        Assert.Contains("海州区 O3 8 小时均值 265 µg/m³", message.TextBody);
        Assert.Contains(Samples.CaseLink.AbsoluteUri, message.TextBody);
        Assert.Contains($"href=\"{Samples.CaseLink.AbsoluteUri}\"", message.HtmlBody);
        Assert.Equal("critical", message.Headers[EmailMessage.SeverityHeader]);
        Assert.Equal(MessageImportance.High, message.Importance);
    }

    [Fact]
    public void The_same_key_to_the_same_recipient_is_the_same_message_id_and_another_key_is_not()
    {
        const string From = "citybrain@example.gov.cn";

        var first = EmailMessage.Compose(Samples.Critical(), From, "a@example.gov.cn").MessageId;
        var again = EmailMessage.Compose(Samples.Critical(), From, "a@example.gov.cn").MessageId;
        var other = EmailMessage.Compose(Samples.Critical(key: "case-18:dispatched"), From, "a@example.gov.cn").MessageId;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }
}
