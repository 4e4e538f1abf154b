using CityBrain.Supervision.Cases;

namespace CityBrain.Supervision.Tests;

public sealed class CaseLifecycleTests
{
    private readonly DeskFixture _desk = new(o => o.VerifyAfter = TimeSpan.FromHours(2));

    private DateTimeOffset Now => _desk.Clock.GetUtcNow();

    [Fact]
    public async Task An_episode_over_two_districts_of_a_city_is_one_case_owned_by_the_city()
    {
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 180, Now.AddHours(-2))]);
        var first = await _desk.SingleOpenAsync();
        _desk.Clock.Advance(TimeSpan.FromMinutes(1));
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 180, Now.AddHours(-2).AddMinutes(-1)), DeskFixture.Air("d2", 230, Now.AddHours(-1))]);

        var episode = await _desk.SingleOpenAsync();
        Assert.Equal(("air:city-a", "d1"), (first.GroupKey, first.RegionId));
        Assert.Equal((first.Id, "city-a", CaseKind.Air), (episode.Id, episode.RegionId, episode.Kind));
        Assert.Equal(["d1", "d2"], episode.Districts);
        Assert.Equal(Indicators.Alerts.AlertSeverity.Critical, episode.Severity);
        Assert.Equal([CaseAction.Raised, CaseAction.Joined], (await _desk.Store.TrailAsync(episode.Id)).Select(s => s.Action));
    }

    [Fact]
    public async Task Air_noise_and_a_device_are_separate_cases_and_the_other_city_has_its_own()
    {
        await _desk.Desk.ObserveAsync([
            DeskFixture.Air("d1", 150, Now.AddHours(-1)), DeskFixture.Air("d3", 150, Now.AddHours(-1)),
            DeskFixture.Noise("d1", 62, Now.AddHours(-1)), DeskFixture.Offline("d2", "gw-7", Now.AddMinutes(-20))]);

        var open = await _desk.Store.ActiveSinceAsync(Now, 10);

        Assert.Equal(["air:city-a", "air:city-b", "device:gw-7", "noise:d1"], open.Select(c => c.GroupKey).Order());
    }

    [Fact]
    public async Task Provisional_alerts_and_alerts_that_ended_long_ago_raise_nothing()
    {
        var provisional = DeskFixture.Air("d1", 150, Now.AddMinutes(-10)) with { Provisional = true };
        var longEnded = DeskFixture.Air("d2", 150, Now.AddDays(-3), Now.AddDays(-2));

        await _desk.Desk.ObserveAsync([provisional, longEnded]);

        Assert.Empty(await _desk.Store.ActiveSinceAsync(Now.AddYears(-1), 10));
    }

    [Fact]
    public async Task The_whole_lifecycle_from_raise_to_close_leaves_a_trail_of_who_when_and_why()
    {
        var alertStart = Now.AddHours(-1);
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, alertStart)]);
        var raised = await _desk.SingleOpenAsync();
        Assert.Equal(Now + _desk.Options.Warning.Acknowledge, raised.Deadline);

        _desk.Clock.Advance(TimeSpan.FromMinutes(10));
        var acknowledged = await _desk.ActAsync(raised.Id, CaseAction.Acknowledged, "收到");
        var dispatched = await _desk.ActAsync(raised.Id, CaseAction.Dispatched, "请生态环境局处置");
        Assert.Equal(("ecology", Now + _desk.Options.Warning.Handle), (dispatched.DepartmentId, dispatched.Deadline));
        _desk.Clock.Advance(TimeSpan.FromHours(3));
        var handled = await _desk.ActAsync(raised.Id, CaseAction.Handled, "工地停工、道路洒水", links: ["https://bureau.example/reports/17"]);
        Assert.Null(handled.Deadline);

        // The data: the alert ends, then stays ended; verification waits the configured time.
        var end = Now;
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, alertStart, end)]);
        _desk.Clock.Advance(TimeSpan.FromHours(1));
        await _desk.Desk.ReviewAsync();
        Assert.Equal(CaseStatus.Handled, (await _desk.SingleOpenAsync()).Status);
        _desk.Clock.Advance(TimeSpan.FromHours(1));
        await _desk.Desk.ReviewAsync();
        Assert.Equal(CaseStatus.Verified, (await _desk.SingleOpenAsync()).Status);

        var closed = await _desk.ActAsync(raised.Id, CaseAction.Closed, "复核通过，结案");

        Assert.Equal((CaseStatus.Closed, Now), (closed.Status, closed.ClosedAt));
        Assert.Equal(TimeSpan.FromMinutes(10), acknowledged.AcknowledgedAt - acknowledged.OpenedAt);
        var trail = await _desk.Store.TrailAsync(raised.Id);
        Assert.Equal(
            [(CaseAction.Raised, "data"), (CaseAction.Acknowledged, "张三"), (CaseAction.Dispatched, "张三"), (CaseAction.Handled, "张三"),
             (CaseAction.Verified, "data"), (CaseAction.Closed, "张三")],
            trail.Select(s => (s.Action, s.Actor)));
        Assert.Equal([1, 2, 3, 4, 5, 6], trail.Select(s => s.Sequence));
        Assert.Equal("https://bureau.example/reports/17", Assert.Single(trail[3].Links));
        Assert.Equal("工地停工、道路洒水", trail[3].Note);
        Assert.Contains(end.ToString("u", System.Globalization.CultureInfo.InvariantCulture), trail[4].Note);
        Assert.Equal(trail.Select(s => (s.CaseId, s.Sequence, s.Action)), _desk.Told.Select(s => (s.CaseId, s.Sequence, s.Action)));
    }

    [Fact]
    public async Task Steps_out_of_order_or_malformed_are_refused_with_the_reason_and_change_nothing()
    {
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, Now.AddHours(-1))]);
        var raised = await _desk.SingleOpenAsync();

        var close = await _desk.Desk.ActAsync(raised.Id, new CaseCommand(CaseAction.Closed, "张三"));
        var handle = await _desk.Desk.ActAsync(raised.Id, new CaseCommand(CaseAction.Handled, "张三", "done"));
        var verify = await _desk.Desk.ActAsync(raised.Id, new CaseCommand(CaseAction.Verified, "张三"));
        var unknown = await _desk.Desk.ActAsync(999, new CaseCommand(CaseAction.Acknowledged, "张三"));
        await _desk.ActAsync(raised.Id, CaseAction.Acknowledged);
        var badDepartment = await _desk.Desk.ActAsync(raised.Id, new CaseCommand(CaseAction.Dispatched, "张三", DepartmentId: "police"));
        var badLink = await _desk.Desk.ActAsync(raised.Id, new CaseCommand(CaseAction.Dispatched, "张三", Links: ["javascript:alert(1)"]));
        await _desk.ActAsync(raised.Id, CaseAction.Dispatched, department: "urban");
        var noNote = await _desk.Desk.ActAsync(raised.Id, new CaseCommand(CaseAction.Handled, "张三", "  "));

        Assert.Equal((CaseRefusalKind.Conflict, "case 1 is raised: it cannot be closed now (a case is closed once the data has verified it)"),
            (close.Refusal!.Kind, close.Refusal.Reason));
        Assert.Equal(CaseRefusalKind.Conflict, handle.Refusal!.Kind);
        Assert.Equal(CaseRefusalKind.Invalid, verify.Refusal!.Kind);
        Assert.Equal((CaseRefusalKind.NotFound, "there is no case 999"), (unknown.Refusal!.Kind, unknown.Refusal.Reason));
        Assert.Equal("department 'police' is not one of the configured departments", badDepartment.Refusal!.Reason);
        Assert.Equal("link 'javascript:alert(1)' is not an absolute http(s) address", badLink.Refusal!.Reason);
        Assert.Equal("a handling report needs a note saying what was done", noNote.Refusal!.Reason);
        var now = await _desk.SingleOpenAsync();
        Assert.Equal((CaseStatus.Dispatched, "urban", 3), (now.Status, now.DepartmentId, now.Version));
    }

    [Fact]
    public async Task An_overdue_case_escalates_one_level_per_missed_deadline_up_to_the_root()
    {
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, Now.AddHours(-1))]);
        var raised = await _desk.SingleOpenAsync();
        var span = _desk.Options.Warning.Acknowledge;

        _desk.Clock.Advance(span);
        await _desk.Desk.ReviewAsync();
        Assert.Equal(("d1", 0), ((await _desk.SingleOpenAsync()).RegionId, (await _desk.SingleOpenAsync()).EscalationLevel));
        _desk.Clock.Advance(TimeSpan.FromSeconds(1));
        await _desk.Desk.ReviewAsync();
        var toCity = await _desk.SingleOpenAsync();
        var escalatedAt = Now;
        _desk.Clock.Advance(span + TimeSpan.FromSeconds(1));
        await _desk.Desk.ReviewAsync();
        var toProvince = await _desk.SingleOpenAsync();
        _desk.Clock.Advance(span + TimeSpan.FromSeconds(1));
        await _desk.Desk.ReviewAsync();

        Assert.Equal(("city-a", 1, escalatedAt + span), (toCity.RegionId, toCity.EscalationLevel, toCity.Deadline));
        Assert.Equal(("province", 2), (toProvince.RegionId, toProvince.EscalationLevel));
        var atRoot = await _desk.SingleOpenAsync();
        Assert.Equal(("province", 2), (atRoot.RegionId, atRoot.EscalationLevel));
        Assert.True(atRoot.IsOverdue(Now));
        var escalations = (await _desk.Store.TrailAsync(raised.Id)).Where(s => s.Action == CaseAction.Escalated).ToList();
        Assert.Equal([("deadline", "city-a"), ("deadline", "province")], escalations.Select(s => (s.Actor, s.RegionId)));
        Assert.Contains("moved from 'd1' to 'city-a'", escalations[0].Note);
    }

    [Fact]
    public async Task An_exceedance_returning_after_close_reopens_the_case_to_its_department_and_counts_as_a_repeat()
    {
        var closed = await ClosedCaseAsync();
        _desk.Clock.Advance(TimeSpan.FromHours(5));

        await _desk.Desk.ObserveAsync([DeskFixture.Air("d2", 170, Now.AddMinutes(-30))]);

        var reopened = await _desk.SingleOpenAsync();
        Assert.Equal((closed.Id, CaseStatus.Dispatched, "ecology", 1), (reopened.Id, reopened.Status, reopened.DepartmentId, reopened.Reopened));
        Assert.Equal(Now + _desk.Options.Warning.Handle, reopened.Deadline);
        Assert.Equal((CaseAction.Reopened, "data"), ((await _desk.Store.TrailAsync(closed.Id))[^1].Action, (await _desk.Store.TrailAsync(closed.Id))[^1].Actor));
    }

    [Fact]
    public async Task An_exceedance_returning_after_the_reopen_window_is_a_new_case()
    {
        var closed = await ClosedCaseAsync();
        _desk.Clock.Advance(_desk.Options.ReopenWindow + TimeSpan.FromMinutes(1));

        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 170, Now.AddMinutes(-30))]);

        var fresh = await _desk.SingleOpenAsync();
        Assert.NotEqual(closed.Id, fresh.Id);
        Assert.Equal((CaseStatus.Raised, 0), (fresh.Status, fresh.Reopened));
    }

    [Fact]
    public async Task A_desk_started_again_on_the_same_store_carries_on_the_open_case()
    {
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, Now.AddHours(-1))]);
        var raised = await _desk.SingleOpenAsync();

        _desk.NewDesk();
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, Now.AddHours(-1)), DeskFixture.Air("d2", 160, Now.AddMinutes(-30))]);

        var episode = await _desk.SingleOpenAsync();
        Assert.Equal((raised.Id, 2), (episode.Id, episode.Districts.Count));
    }

    [Fact]
    public async Task A_failing_observer_is_logged_and_does_not_undo_the_step_or_silence_the_others()
    {
        _desk.NewDesk(new Failing());

        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, Now.AddHours(-1))]);

        Assert.Equal(CaseAction.Raised, Assert.Single(_desk.Told).Action);
        Assert.Equal(CaseStatus.Raised, (await _desk.SingleOpenAsync()).Status);
    }

    private async Task<SupervisionCase> ClosedCaseAsync()
    {
        var start = Now.AddHours(-1);
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, start)]);
        var id = (await _desk.SingleOpenAsync()).Id;
        await _desk.ActAsync(id, CaseAction.Acknowledged);
        await _desk.ActAsync(id, CaseAction.Dispatched);
        await _desk.ActAsync(id, CaseAction.Handled, "处置完毕");
        await _desk.Desk.ObserveAsync([DeskFixture.Air("d1", 160, start, Now)]);
        _desk.Clock.Advance(_desk.Options.VerifyAfter);
        await _desk.Desk.ReviewAsync();
        return await _desk.ActAsync(id, CaseAction.Closed);
    }

    private sealed class Failing : Desk.ICaseObserver
    {
        public Task OnStepAsync(SupervisionCase supervisionCase, CaseEvent step, CancellationToken cancellationToken) =>
            throw new HttpRequestException("the notification outbox is down");
    }
}
