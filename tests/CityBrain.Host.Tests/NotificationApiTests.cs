using System.Net;
using System.Net.Http.Json;
using CityBrain.Host.Notifications;
using CityBrain.Notifications;
using CityBrain.Notifications.Outbox;
using CityBrain.Testing;
using CityBrain.Testing.Servers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Tests;

/// <summary>Notifications in the running host: a webhook that keeps failing puts a notification in the dead-letter list,
/// an administrator retries it through the API once the receiver is back, and it shows among the deliveries; a broken
/// recipient setting stops the host at start.</summary>
public sealed class NotificationApiTests
{
    private static string[] Recipient(string id, Uri address, params string[] extra) =>
    [
        $"--Notifications:Recipients:{id}:Name=Duty office", $"--Notifications:Recipients:{id}:Channel=Webhook",
        $"--Notifications:Recipients:{id}:Address={address}", $"--Notifications:Recipients:{id}:Secret=a-shared-secret-of-the-receiver",
        .. extra,
    ];

    [Fact]
    public async Task A_dead_letter_is_listed_retried_by_an_administrator_and_then_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var receiverUp = false;
        receiver.Answer = (_, _) => receiverUp ? (200, "ok") : (502, "bad gateway");
        await using var host = await RunningHost.StartAsync(null, [
            .. Recipient("duty", receiver.Url("/duty")),
            "--Notifications:MaxAttempts=2", "--Notifications:BaseDelay=00:00:00.100", "--Notifications:MaxDelay=00:00:00.200",
        ]);

        Assert.True(await host.Service<INotificationOutbox>().EnqueueAsync(
            new Notification("case-17:dispatched", "duty", NotificationSeverity.Critical, "严重污染", "海州区 O3 超标", new Uri("https://citybrain.example.gov.cn/cases/17"))));
        var dead = await RunningHost.EventuallyAsync(() => host.GetAsync<NotificationResponse[]>("/api/notifications/dead-letters"),
            letters => letters!.Length == 1, "the dead letter");
        var letter = dead![0];
        Assert.Equal(("duty", "case-17:dispatched", "critical", "dead", 2), (letter.RecipientId, letter.Key, letter.Severity, letter.State, letter.Attempts));
        Assert.Equal("the webhook answered HTTP 502 Bad Gateway: bad gateway", letter.LastError);
        Assert.Empty((await host.GetAsync<NotificationResponse[]>("/api/notifications/deliveries"))!);

        receiverUp = true;
        using var retry = await host.Http.PostAsync("/api/notifications/dead-letters/duty/case-17:dispatched/retry", null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var requeued = await retry.Content.ReadFromJsonAsync<NotificationResponse>();
        Assert.Equal(("pending", 0), (requeued!.State, requeued.Attempts));

        var delivered = await RunningHost.EventuallyAsync(() => host.GetAsync<NotificationResponse[]>("/api/notifications/deliveries"),
            sent => sent!.Length == 1, "the delivery");
        Assert.Equal(("case-17:dispatched", "sent", 1), (delivered![0].Key, delivered[0].State, delivered[0].Attempts));
        Assert.Empty((await host.GetAsync<NotificationResponse[]>("/api/notifications/dead-letters"))!);
        Assert.Equal(3, receiver.At("/duty").Count);

        using var again = await host.Http.PostAsync("/api/notifications/dead-letters/duty/case-17:dispatched/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("notification 'case-17:dispatched' to 'duty' is sent, not in the dead-letter list", (await again.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        using var unknown = await host.Http.PostAsync("/api/notifications/dead-letters/duty/case-99:dispatched/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("recipient 'duty' has no notification 'case-99:dispatched'", (await unknown.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        using var absurd = await host.Http.GetAsync("/api/notifications/deliveries?count=100000");
        Assert.Equal(HttpStatusCode.BadRequest, absurd.StatusCode);
        Assert.Equal("count '100000' must be a whole number from 1 to 500", (await absurd.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        using var viewer = await host.SignInAsAsync("viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/notifications/dead-letters")).StatusCode);
    }

    [Fact]
    public async Task A_recipient_with_broken_quiet_hours_stops_the_host_at_start_naming_the_setting()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningHost.StartAsync(null,
            Recipient("director", new Uri("https://hooks.example.gov.cn/citybrain"), "--Notifications:Recipients:director:QuietHours=22:00-31:00")));

        Assert.Contains("Notifications:Recipients:director:QuietHours '22:00-31:00' must be two different times HH:mm-HH:mm", refused.Message);
    }
}
