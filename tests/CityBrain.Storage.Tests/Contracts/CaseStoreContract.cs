using CityBrain.Indicators.Alerts;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Store;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What every case store does, whichever database holds the cases.</summary>
public abstract class CaseStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's database; each call opens the same database anew.</summary>
    protected abstract ICaseStore Open();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static SupervisionCase NewCase(string group, DateTimeOffset openedAt) => new(0, group, CaseKind.Air, AlertSeverity.Critical, CaseStatus.Raised,
        "city-a", ["d1", "d2"], null, openedAt, null, null, null, null, null, openedAt.AddMinutes(30), 0, 0, 1,
        [new CaseAlert("AirPolluted/d1/-/-/1", AlertKind.AirPolluted, "d1", null, null, openedAt.AddHours(-1), null, 264, 100, AlertSeverity.Critical)]);

    private static CaseEvent Step(int sequence, CaseAction action, CaseStatus status, DateTimeOffset at, string actor = CaseActors.Data, IReadOnlyList<string>? links = null) =>
        new(0, sequence, at, actor, action, status, $"{action} 说明", action == CaseAction.Dispatched ? "ecology" : null, "city-a", links ?? []);

    [Fact]
    public async Task A_new_case_gets_an_id_and_its_steps_are_kept_in_order_with_everything_they_carried()
    {
        var store = Open();
        var raised = await store.SaveAsync(NewCase("air:city-a", Now), [Step(1, CaseAction.Raised, CaseStatus.Raised, Now)]);
        var acknowledged = raised with { Status = CaseStatus.Acknowledged, AcknowledgedAt = Now.AddMinutes(5), Version = 2 };
        await store.SaveAsync(acknowledged, [Step(2, CaseAction.Acknowledged, CaseStatus.Acknowledged, Now.AddMinutes(5), "王科长", ["https://example.org/photo/1"])]);

        var reopened = Open();
        var read = await reopened.GetAsync(raised.Id);
        var trail = await reopened.TrailAsync(raised.Id);

        Assert.True(raised.Id > 0);
        Assert.NotNull(read);
        Assert.Equal(acknowledged with { Districts = read.Districts, Alerts = read.Alerts }, read);
        Assert.Equal(["d1", "d2"], read.Districts);
        Assert.Equal(acknowledged.Alerts, read.Alerts);
        Assert.Equal([1, 2], trail.Select(s => s.Sequence));
        Assert.All(trail, s => Assert.Equal(raised.Id, s.CaseId));
        Assert.Equal(("王科长", CaseAction.Acknowledged, "Acknowledged 说明", "https://example.org/photo/1"),
            (trail[1].Actor, trail[1].Action, trail[1].Note, Assert.Single(trail[1].Links)));
    }

    [Fact]
    public async Task Active_cases_are_the_open_ones_and_those_closed_since_newest_first()
    {
        var store = Open();
        var open = await store.SaveAsync(NewCase("air:city-a", Now), []);
        var closedLately = await store.SaveAsync(NewCase("noise:d1", Now) with { Status = CaseStatus.Closed, ClosedAt = Now.AddDays(-1) }, []);
        await store.SaveAsync(NewCase("noise:d2", Now) with { Status = CaseStatus.Closed, ClosedAt = Now.AddDays(-3) }, []);

        var active = await Open().ActiveSinceAsync(Now.AddDays(-2), 10);
        var limited = await Open().ActiveSinceAsync(Now.AddDays(-2), 1);

        Assert.Equal([closedLately.Id, open.Id], active.Select(c => c.Id));
        Assert.Equal([closedLately.Id], limited.Select(c => c.Id));
    }

    [Fact]
    public async Task An_unknown_case_is_absent_with_an_empty_trail()
    {
        var store = Open();

        Assert.Null(await store.GetAsync(404));
        Assert.Empty(await store.TrailAsync(404));
    }

    [Fact]
    public async Task A_step_that_repeats_a_sequence_is_refused_and_leaves_the_case_as_it_was()
    {
        var store = Open();
        var raised = await store.SaveAsync(NewCase("air:city-a", Now), [Step(1, CaseAction.Raised, CaseStatus.Raised, Now)]);

        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(raised with { Status = CaseStatus.Acknowledged, Version = 2 },
            [Step(1, CaseAction.Acknowledged, CaseStatus.Acknowledged, Now)]));

        Assert.Equal(CaseStatus.Raised, (await Open().GetAsync(raised.Id))!.Status);
        Assert.Single(await Open().TrailAsync(raised.Id));
    }
}
