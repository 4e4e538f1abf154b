using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CityBrain.Notifications.Channels;
using CityBrain.Notifications.Recipients;
using CityBrain.Testing.Servers;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Notifications.Tests.Channels;

/// <summary>The signed webhook against a real receiver that checks the signature as the README tells a receiver to.</summary>
public sealed class SignedWebhookChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_receiver_gets_the_notification_as_json_signed_over_the_timestamp_and_the_exact_body()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new SignedWebhookChannel(Samples.HttpClients(), new FakeTimeProvider(Now));

        await channel.SendAsync(Samples.Critical(), Samples.Recipient(ChannelKind.Webhook, receiver.Url("/hooks/citybrain"), Samples.WebhookSecret), CancellationToken.None);

        var request = await receiver.NextAsync();
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["X-CityBrain-Timestamp"]);
        // The receiver's side, from the README: HMAC-SHA256 keyed by the secret over "{timestamp}.{body}", hex, after "v1=".
        var signed = Encoding.UTF8.GetBytes(request.Headers["X-CityBrain-Timestamp"] + ".").Concat(request.Body).ToArray();
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Samples.WebhookSecret), signed));
        Assert.Equal(expected, request.Headers["X-CityBrain-Signature"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(("case-17:dispatched", "ecology", "critical", "严重污染：臭氧 8 小时超标", Samples.CaseLink.AbsoluteUri),
            (root.GetProperty("key").GetString(), root.GetProperty("recipientId").GetString(), root.GetProperty("severity").GetString(),
                root.GetProperty("title").GetString(), root.GetProperty("link").GetString()));
        Assert.Contains("海州区", root.GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_error_status_is_a_failure_naming_the_status_and_the_start_of_the_answer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => (503, "maintenance until 04:00");
        var channel = new SignedWebhookChannel(Samples.HttpClients(), TimeProvider.System);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            channel.SendAsync(Samples.Critical(), Samples.Recipient(ChannelKind.Webhook, receiver.Url("/down"), Samples.WebhookSecret), CancellationToken.None));

        Assert.Equal("the webhook answered HTTP 503 Service Unavailable: maintenance until 04:00", failure.Message);
    }
}
