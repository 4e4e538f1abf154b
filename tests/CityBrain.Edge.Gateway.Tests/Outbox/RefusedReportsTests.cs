using CityBrain.Edge.Outbox;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Edge.Gateway.Tests.Outbox;

/// <summary>Reports the cluster refused for the gateway's identity (not authorised: a district typo) go again once the
/// identity is fixed; reports refused for their content stay aside.</summary>
public sealed class RefusedReportsTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Reports_refused_as_not_authorised_are_queued_again_under_their_own_sequence_and_others_stay_aside()
    {
        await using var outbox = Reports.Open(_dir.File("outbox.db"), _time);
        var gateway = outbox.Device("gw-1");
        var wrongDistrict = await gateway.EnqueueAsync(Reports.Start, Minute, Reports.Readings(21));
        var badContent = await gateway.EnqueueAsync(Reports.Start.AddMinutes(1), Minute, Reports.Readings(22));
        var fine = await gateway.EnqueueAsync(Reports.Start.AddMinutes(2), Minute, Reports.Readings(23));
        var original = (await gateway.LeaseAsync(-1, 10)).Single(e => e.Sequence == wrongDistrict);
        await gateway.SetAsideAsync(wrongDistrict, "NotAuthorized: device gw-1 belongs to district haidian, not haidain");
        await gateway.SetAsideAsync(badContent, "PayloadFormatInvalid: unknown quantity");

        var requeued = await gateway.RequeueRefusedAsync(DeviceOutbox.NotAuthorized);
        var again = await gateway.RequeueRefusedAsync(DeviceOutbox.NotAuthorized);

        Assert.Equal((1, 0), (requeued, again));
        var queued = await gateway.LeaseAsync(-1, 10);
        Assert.Equal([wrongDistrict, fine], queued.Select(e => e.Sequence));
        Assert.Equal((original.WindowStart, original.WindowSeconds), (queued[0].WindowStart, queued[0].WindowSeconds));
        Assert.Equal(original.Payload, queued[0].Payload);
    }

    public void Dispose() => _dir.Dispose();
}
