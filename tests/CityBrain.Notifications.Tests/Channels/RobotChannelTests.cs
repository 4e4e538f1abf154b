using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CityBrain.Notifications.Channels;
using CityBrain.Notifications.Recipients;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Notifications.Tests.Channels;

/// <summary>The WeCom and DingTalk group robots' formats against a local receiver standing in for their webhook URLs.</summary>
public sealed class RobotChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WeCom_gets_a_markdown_message_with_severity_title_text_and_link()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new WeComRobotChannel(Samples.HttpClients());

        await channel.SendAsync(Samples.Critical(), Samples.Recipient(ChannelKind.WeCom, receiver.Url("/cgi-bin/webhook/send?key=robot-key")), CancellationToken.None);

        var request = await receiver.NextAsync();
        Assert.Equal("robot-key", request.Query["key"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("markdown", body.RootElement.GetProperty("msgtype").GetString());
        var content = body.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.StartsWith("**【严重】严重污染：臭氧 8 小时超标**", content);
        Assert.Contains("海州区 O3 8 小时均值 265 µg/m³", content);
        Assert.EndsWith($"[{Samples.CaseLink.AbsoluteUri}]({Samples.CaseLink.AbsoluteUri})", content);
    }

    [Fact]
    public async Task WeCom_content_is_cut_to_its_4096_bytes_at_a_character_and_keeps_the_link()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new WeComRobotChannel(Samples.HttpClients());
        var longText = Samples.Critical() with { Text = new string('臭', Notification.MaxTextLength) };

        await channel.SendAsync(longText, Samples.Recipient(ChannelKind.WeCom, receiver.Url("/send")), CancellationToken.None);

        using var body = JsonDocument.Parse((await receiver.NextAsync()).Body);
        var content = body.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.InRange(Encoding.UTF8.GetByteCount(content), WeComRobotChannel.MaxContentBytes - 3, WeComRobotChannel.MaxContentBytes);
        Assert.Contains("臭…", content);
        Assert.EndsWith($"({Samples.CaseLink.AbsoluteUri})", content);
    }

    [Theory]
    [InlineData(ChannelKind.WeCom, """{"errcode":93000,"errmsg":"invalid webhook url"}""", "the WeCom robot refused the message: errcode 93000 (invalid webhook url)")]
    [InlineData(ChannelKind.DingTalk, """{"errcode":310000,"errmsg":"sign not match"}""", "the DingTalk robot refused the message: errcode 310000 (sign not match)")]
    [InlineData(ChannelKind.WeCom, "<html>proxy error</html>", "the WeCom robot answered something other than JSON: <html>proxy error</html>")]
    [InlineData(ChannelKind.DingTalk, """{"ok":true}""", "the DingTalk robot answered without an errcode: {\"ok\":true}")]
    public async Task A_robot_answer_other_than_errcode_0_is_a_failure_with_its_code_and_message(ChannelKind kind, string answer, string message)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => (200, answer);
        INotificationChannel channel = kind == ChannelKind.WeCom
            ? new WeComRobotChannel(Samples.HttpClients())
            : new DingTalkRobotChannel(Samples.HttpClients(), TimeProvider.System);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            channel.SendAsync(Samples.Critical(), Samples.Recipient(kind, receiver.Url("/robot/send?access_token=t")), CancellationToken.None));

        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public async Task DingTalk_gets_a_markdown_message_signed_with_the_millisecond_timestamp_and_the_secret()
    {
        const string Secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new DingTalkRobotChannel(Samples.HttpClients(), new FakeTimeProvider(Now));

        await channel.SendAsync(Samples.Critical(), Samples.Recipient(ChannelKind.DingTalk, receiver.Url("/robot/send?access_token=robot-token"), Secret),
            CancellationToken.None);

        var request = await receiver.NextAsync();
        Assert.Equal("robot-token", request.Query["access_token"]);
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Query["timestamp"]);
        // DingTalk's check: Base64 of HMAC-SHA256 keyed by the secret over "{timestamp}\n{secret}" (the query arrives decoded).
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{request.Query["timestamp"]}\n{Secret}")));
        Assert.Equal(expected, request.Query["sign"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("markdown", body.RootElement.GetProperty("msgtype").GetString());
        var markdown = body.RootElement.GetProperty("markdown");
        Assert.Equal("【严重】严重污染：臭氧 8 小时超标", markdown.GetProperty("title").GetString());
        Assert.Contains("海州区 O3 8 小时均值", markdown.GetProperty("text").GetString());
    }

    [Fact]
    public async Task DingTalk_without_a_secret_posts_to_the_url_as_configured()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new DingTalkRobotChannel(Samples.HttpClients(), TimeProvider.System);

        await channel.SendAsync(Samples.Critical(), Samples.Recipient(ChannelKind.DingTalk, receiver.Url("/robot/send?access_token=robot-token")), CancellationToken.None);

        Assert.Equal(["access_token"], (await receiver.NextAsync()).Query.Keys);
    }

    [Fact]
    public void The_sign_parameter_is_url_encoded_base64()
    {
        var query = DingTalkSignature.Query("SECsecret", 1_700_000_000_000);

        var sign = query.Split("&sign=")[1];
        Assert.StartsWith("timestamp=1700000000000&sign=", query);
        Assert.DoesNotContain('+', sign);
        Assert.DoesNotContain('/', sign);
        Assert.EndsWith("%3D", sign);
    }
}
