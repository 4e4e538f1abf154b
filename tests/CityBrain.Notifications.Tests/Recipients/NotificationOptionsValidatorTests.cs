using CityBrain.Notifications.Recipients;

namespace CityBrain.Notifications.Tests.Recipients;

/// <summary>Every setting the sender could not act on is refused at start with a message naming it.</summary>
public sealed class NotificationOptionsValidatorTests
{
    private static RecipientOptions Webhook() => new()
    {
        Name = "Duty office", Channel = ChannelKind.Webhook, Address = "https://hooks.example.gov.cn/citybrain", Secret = Samples.WebhookSecret,
    };

    private static NotificationOptions With(string id, RecipientOptions recipient) => new() { Recipients = { [id] = recipient } };

    [Fact]
    public void A_recipient_of_each_channel_configured_fully_passes()
    {
        var options = new NotificationOptions
        {
            Recipients =
            {
                ["duty"] = Webhook(),
                ["director"] = new() { Name = "王局长", Channel = ChannelKind.Email, Address = "wang@example.gov.cn", QuietHours = "22:00-07:00", CriticalBreaksQuietHours = true },
                ["ecology-group"] = new() { Name = "生态环境局群", Channel = ChannelKind.WeCom, Address = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" },
                ["traffic-group"] = new() { Name = "交警群", Channel = ChannelKind.DingTalk, Address = "https://oapi.dingtalk.com/robot/send?access_token=t", Secret = "SECabc", TimeZone = "Asia/Urumqi", QuietHours = "23:00-06:30" },
            },
            Smtp = { Host = "smtp.example.gov.cn", From = "CityBrain <citybrain@example.gov.cn>" },
        };

        var result = new NotificationOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Bad_Id", null, "Notifications:Recipients:Bad_Id: the id must be 1-64 lower-case letters")]
    [InlineData("duty", "Name", "Notifications:Recipients:duty:Name is required")]
    [InlineData("duty", "Channel", "Notifications:Recipients:duty:Channel is required: one of Webhook, Email, WeCom, DingTalk")]
    [InlineData("duty", "Address", "Notifications:Recipients:duty:Address is required: the URL to post to")]
    [InlineData("duty", "Address=ftp://x", "Notifications:Recipients:duty:Address is not an absolute http or https URL")]
    [InlineData("duty", "Secret", "Notifications:Recipients:duty:Secret is required for a signed webhook: at least 16 characters")]
    [InlineData("duty", "Secret=short", "Notifications:Recipients:duty:Secret is required for a signed webhook")]
    [InlineData("duty", "QuietHours=22:00-7", "Notifications:Recipients:duty:QuietHours '22:00-7' must be two different times HH:mm-HH:mm")]
    [InlineData("duty", "TimeZone=Mars/Olympus", "Notifications:Recipients:duty:TimeZone 'Mars/Olympus' is not an IANA time zone")]
    public void A_broken_recipient_is_named_with_the_setting_that_is_wrong(string id, string? change, string message)
    {
        var recipient = Webhook();
        var (field, value) = change?.Split('=', 2) switch
        {
            [var f, var v] => (f, v),
            [var f] => (f, null),
            _ => ("", null),
        };
        typeof(RecipientOptions).GetProperty(field)?.SetValue(recipient, value);

        var result = new NotificationOptionsValidator().Validate(null, With(id, recipient));

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
    }

    [Fact]
    public void A_secret_where_the_channel_takes_none_and_an_e_mail_recipient_without_a_mail_server_are_named()
    {
        var options = new NotificationOptions
        {
            Recipients =
            {
                ["group"] = new() { Name = "群", Channel = ChannelKind.WeCom, Address = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", Secret = "x" },
                ["director"] = new() { Name = "王局长", Channel = ChannelKind.Email, Address = "not an address" },
            },
        };

        var failures = new NotificationOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Notifications:Recipients:group:Secret is not used by the WeCom channel (a WeCom robot's key is part of its URL): remove it", failures);
        Assert.Contains("Notifications:Recipients:director:Address 'not an address' is not an e-mail address", failures);
        Assert.Contains("Notifications:Smtp:Host is required: recipient 'director' is reached by e-mail", failures);
        Assert.Contains(failures, f => f.StartsWith("Notifications:Smtp:From '' must be the sender's e-mail address", StringComparison.Ordinal));
    }

    [Fact]
    public void Retry_settings_that_cannot_work_are_named()
    {
        var options = new NotificationOptions
        {
            MaxAttempts = 0, BaseDelay = TimeSpan.FromMinutes(2), MaxDelay = TimeSpan.FromMinutes(1), ClaimTimeout = TimeSpan.FromSeconds(45), TimeZone = "Nowhere",
        };

        var failures = new NotificationOptionsValidator().Validate(null, options).Failures!;

        Assert.Equal([
            "Notifications:MaxAttempts 0 must be 1-100",
            "Notifications:MaxDelay 00:01:00 must be at least BaseDelay 00:02:00",
            "Notifications:ClaimTimeout 00:00:45 must be more than twice SendTimeout 00:00:30, or another node sends again what is still being sent",
            "Notifications:TimeZone 'Nowhere' is not an IANA time zone such as Asia/Shanghai",
        ], failures);
    }
}
