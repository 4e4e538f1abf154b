using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Hours;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using Microsoft.Extensions.DependencyInjection;
using static CityBrain.Grains.Tests.DeviceGrainTests;

namespace CityBrain.Grains.Tests;

/// <summary>Grain state is a cache of the journal: what the journal holds counts once, whether the grain took it live,
/// replays it, or is told of a share twice.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JournalTruthTests(ClusterFixture fixture)
{
    private static readonly LocalCalendar Calendar = LocalCalendar.ForZone(ClusterFixture.City.TimeZone);

    private IRawJournal Journal => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IRawJournal>();

    [Fact]
    public async Task A_device_applies_on_activation_what_the_journal_holds_beyond_its_saved_state()
    {
        // Committed to the journal but never applied: what a crash after the commit and before the state save leaves.
        var now = DateTimeOffset.UtcNow;
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            var batch = Batch("north", "catch-up-1", sequence, now.AddMinutes(sequence - 10), now.AddMinutes(sequence - 9), Ok(Quantity.Pm10, 10 * sequence));
            Assert.True((await Journal.AppendAsync(batch.ToJournal("catch-up-1"))).Added);
        }
        var device = fixture.Grains.GetGrain<IDeviceGrain>("catch-up-1");

        await device.CatchUp();
        var snapshot = await device.GetSnapshot();
        var again = await device.Record(Batch("north", "catch-up-1", 3, now.AddMinutes(-7), now, Ok(Quantity.Pm10, 999)));
        var next = await device.Record(Batch("north", "catch-up-1", 6, now.AddMinutes(-4), now, Ok(Quantity.Pm10, 60)));

        Assert.Equal(5, snapshot!.Accepted);
        Assert.Equal(50, snapshot.Latest[Quantity.Pm10].Value);
        Assert.Equal("north", snapshot.DistrictId);
        Assert.Equal((RecordStatus.Duplicate, RecordStatus.Accepted), (again.Status, next.Status));
        Assert.Equal(6, (await device.GetSnapshot())!.Accepted);
    }

    [Fact]
    public async Task A_sequence_far_below_the_highest_is_accepted_once_and_only_a_journalled_one_is_a_duplicate()
    {
        var device = fixture.Grains.GetGrain<IDeviceGrain>("huge-sequence-1");
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(RecordStatus.Accepted, (await device.Record(Batch("north", "huge-sequence-1", 9_007_199_254_740_990, now.AddMinutes(-3), now, Ok(Quantity.No2, 30)))).Status);

        var later = await device.Record(Batch("north", "huge-sequence-1", 1_000, now.AddMinutes(-2), now, Ok(Quantity.No2, 31)));
        var resent = await device.Record(Batch("north", "huge-sequence-1", 1_000, now.AddMinutes(-2), now, Ok(Quantity.No2, 31)));

        Assert.Equal((RecordStatus.Accepted, RecordStatus.Duplicate), (later.Status, resent.Status));
        Assert.Equal(2, (await device.GetSnapshot())!.Accepted);
    }

    [Fact]
    public async Task An_append_whose_answer_was_lost_after_its_commit_still_counts_once_when_the_sender_retries()
    {
        const string id = LostAnswerJournal.DevicePrefix + "1";
        var device = fixture.Grains.GetGrain<IDeviceGrain>(id);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(RecordStatus.Accepted, (await device.Record(Batch("north", id, 1, now.AddMinutes(-3), now, Ok(Quantity.Co, 1)))).Status);

        // Committed, but the grain cannot know: only a fresh activation, reading the journal, can count it.
        await Assert.ThrowsAnyAsync<IOException>(() => device.Record(Batch("north", id, 2, now.AddMinutes(-2), now, Ok(Quantity.Co, 2))));
        var retry = await device.Record(Batch("north", id, 2, now.AddMinutes(-2), now, Ok(Quantity.Co, 2)));
        var next = await device.Record(Batch("north", id, 3, now.AddMinutes(-1), now, Ok(Quantity.Co, 3)));

        Assert.Equal((RecordStatus.Duplicate, RecordStatus.Accepted), (retry.Status, next.Status));
        var snapshot = (await device.GetSnapshot())!;
        Assert.Equal(3, snapshot.Accepted);
        Assert.Equal(3, snapshot.Latest[Quantity.Co].Value);
    }

    [Fact]
    public async Task A_share_written_twice_and_announced_twice_counts_once_in_the_district_and_the_city()
    {
        var hour = Calendar.HourOf(DateTimeOffset.UtcNow.AddHours(-2));
        var share = Contribution.Share(HistoryScope.Device, "twice-1", "south", hour,
            [KeyValuePair.Create(Quantity.So2, Contribution.Of(Quantity.So2, 12))]);
        var other = Contribution.Share(HistoryScope.Device, "twice-2", "south", hour,
            [KeyValuePair.Create(Quantity.So2, Contribution.Of(Quantity.So2, 18))]);
        await fixture.History.WriteAsync([], [share, other]);
        await fixture.History.WriteAsync([], [share]);
        var district = fixture.Grains.GetGrain<IDistrictGrain>("south");

        await district.ShareChanged(new ShareChanged("twice-1", hour));
        await district.ShareChanged(new ShareChanged("twice-1", hour));
        await district.ShareChanged(new ShareChanged("twice-2", hour));

        var points = await ClusterFixture.EventuallyAsync(() => fixture.History.ReadAsync(new HistoryQuery(HistoryScope.District, "south",
                HistoryResolution.Hour, hour.Start, hour.End, ["so2"])),
            p => p.Count == 1 && p[0].Value is > 14.999 and < 15.001 && p[0].Count == 2, "south's so2 hour, the mean of 12 and 18 over two devices");
        Assert.Equal(15, points.Single().Value!.Value, 9);
        var city = await ClusterFixture.EventuallyAsync(() => fixture.History.ReadAsync(new HistoryQuery(HistoryScope.Region, ClusterFixture.City.Root.Id,
                HistoryResolution.Hour, hour.Start, hour.End, ["so2"])),
            p => p.Count == 1 && p[0].Count == 2, "the city's so2 hour over the same two devices");
        Assert.Equal(15, city.Single().Value!.Value, 9);
        Assert.NotNull(await fixture.Grains.GetGrain<IRegionGrain>(ClusterFixture.City.Root.Id).GetSnapshot());
    }
}
