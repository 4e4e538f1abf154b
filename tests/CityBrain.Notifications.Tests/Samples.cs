using CityBrain.Notifications.Channels;
using CityBrain.Notifications.Recipients;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Notifications.Tests;

/// <summary>What the channel tests send and to whom.</summary>
public static class Samples
{
    public const string WebhookSecret = "a-shared-secret-of-the-receiver";

    public static readonly Uri CaseLink = new("https://citybrain.example.gov.cn/cases/17");

    public static Notification Critical(string key = "case-17:dispatched", string recipient = "ecology") =>
        new(key, recipient, NotificationSeverity.Critical, "严重污染：臭氧 8 小时超标", "海州区 O3 8 小时均值 265 µg/m³，已持续 3 小时。", CaseLink);

    public static Recipient Recipient(ChannelKind channel, Uri address, string? secret = null) =>
        new("ecology", "生态环境局值班室", channel, address.AbsoluteUri, secret, null, false);

    /// <summary>The factory the channels take, with the client they use.</summary>
    public static IHttpClientFactory HttpClients() =>
        new ServiceCollection().AddHttpClient(JsonPost.HttpClientName).Services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
}
