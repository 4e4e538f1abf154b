using System.Net;
using System.Net.Http.Json;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Host.Supervision;
using CityBrain.Indicators.Time;
using CityBrain.Notifications.Channels;
using CityBrain.Testing;
using CityBrain.Testing.Servers;

namespace CityBrain.Host.Tests;

/// <summary>A host of its own where devices count as offline after 15 s of silence and the desk reviews every half
/// second, so that cases are raised, verified and reopened by real data within a test; the ecology bureau is told over a
/// signed webhook and the province's duty office through a WeCom robot, both served by a local receiver.</summary>
public sealed class SupervisionHostFixture : IAsyncLifetime
{
    public const string EcologySecret = "ecology-webhook-secret";

    public RunningHost Host { get; private set; } = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Host = await RunningHost.StartAsync(null, "--Supervision:ReviewInterval=00:00:00.500", "--Supervision:VerifyAfter=00:00:00",
            "--Grains:OnlineWindow=00:00:15", "--Grains:AlertPeriod=00:00:00.500", "--Supervision:CockpitUrl=https://cockpit.bureau.example/",
            "--Notifications:Recipients:ecology-duty:Name=Ecology duty office", "--Notifications:Recipients:ecology-duty:Channel=Webhook",
            $"--Notifications:Recipients:ecology-duty:Address={Receiver.Url("/ecology")}", $"--Notifications:Recipients:ecology-duty:Secret={EcologySecret}",
            "--Notifications:Recipients:province-duty:Name=Province duty office", "--Notifications:Recipients:province-duty:Channel=WeCom",
            $"--Notifications:Recipients:province-duty:Address={Receiver.Url("/province")}",
            "--Supervision:Departments:0:Recipients:0=ecology-duty", "--Supervision:Supervisors:0:Recipients:0=province-duty");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>Exceedances published over MQTT become cases that people acknowledge, dispatch and handle through the API,
/// that the data verifies, and that close with their whole trail; the supervision figures count them.</summary>
public sealed class SupervisionTests(SupervisionHostFixture fixture) : IClassFixture<SupervisionHostFixture>
{
    private static readonly LocalCalendar Beijing = LocalCalendar.ForZone("Asia/Shanghai");

    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task A_pollution_episode_over_two_districts_becomes_one_case_that_is_acknowledged_dispatched_and_handled()
    {
        // Alerts are about now: the hour just ended is the one a closing hour checks.
        var hour = Beijing.HourOf((await HourBoundary.ClearOfTheTurnAsync(TimeSpan.FromMinutes(2))).AddHours(-1));
        await using var daxing = await Host.ConnectDeviceAsync("daxing", "episode-daxing");
        await using var tongzhou = await Host.ConnectDeviceAsync("tongzhou", "episode-tongzhou");
        // AQI 250 (重度污染) and PM2.5 at 2.7 times its hourly limit, in both districts.
        await PublishHourAsync(daxing, hour.Start, 200);
        await PublishHourAsync(tongzhou, hour.Start, 200);

        var open = await RunningHost.EventuallyAsync(() => Host.GetAsync<List<CaseResponse>>("/api/cases?region=demo-city&kind=air"),
            c => c!.Count == 1 && c[0].Districts.Count == 2 && c[0].Alerts.Count == 4, "one case covering both districts' alerts");
        var episode = open![0];
        Assert.Equal(("air", "critical", "raised", "demo-city"), (episode.Kind, episode.Severity, episode.Status, episode.Region.Id));
        Assert.Equal(["daxing", "tongzhou"], episode.Districts.Select(d => d.Id).Order());

        var operatorClient = await Host.SignInAsAsync("operator");
        var acknowledged = await StepAsync(operatorClient, episode.Id, "acknowledge", new CaseStepRequest("值班员已收到", null, null));
        var dispatched = await StepAsync(operatorClient, episode.Id, "dispatch", new CaseStepRequest("请核查工地扬尘", null, null));
        var early = await operatorClient.PostAsJsonAsync($"/api/cases/{episode.Id}/close", new CaseStepRequest(null, null, null));
        var handled = await StepAsync(operatorClient, episode.Id, "handle", new CaseStepRequest("三处工地停工，道路洒水降尘", null, ["https://bureau.example/cases/photo-1.jpg"]));

        Assert.Equal(("acknowledged", "dispatched", "ecology", "生态环境局"), (acknowledged.Status, dispatched.Status, dispatched.Department!.Id, dispatched.Department.NameZh));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(("handled", (DateTimeOffset?)null), (handled.Status, handled.Deadline));
        var detail = (await Host.GetAsync<CaseDetailResponse>($"/api/cases/{episode.Id}"))!;
        Assert.Equal(["raised", "joined", "joined", "joined", "acknowledged", "dispatched", "handled"], detail.Trail.Select(s => s.Action));
        // Told: the province's duty office of the raise (WeCom robot markdown), the ecology bureau of the dispatch (signed).
        var raisedNote = await RunningHost.EventuallyAsync(() => Task.FromResult(fixture.Receiver.At("/province")),
            r => r.Any(m => m.Text.Contains($"督办 {episode.Id}", StringComparison.Ordinal)), "the duty office told of the raise");
        Assert.Contains("\"msgtype\":\"markdown\"", raisedNote.First(m => m.Text.Contains($"督办 {episode.Id}", StringComparison.Ordinal)).Text);
        var dispatchNote = (await RunningHost.EventuallyAsync(() => Task.FromResult(fixture.Receiver.At("/ecology")),
            r => r.Any(m => m.Text.Contains($"督办 {episode.Id}", StringComparison.Ordinal)), "the ecology bureau told of the dispatch")).Single(m => m.Text.Contains($"督办 {episode.Id}", StringComparison.Ordinal));
        Assert.Contains("已派发至贵部门", dispatchNote.Text);
        Assert.Contains($"https://cockpit.bureau.example/cases/{episode.Id}", dispatchNote.Text);
        var timestamp = long.Parse(dispatchNote.Headers["X-CityBrain-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(WebhookSignature.Compute(SupervisionHostFixture.EcologySecret, timestamp, dispatchNote.Body), dispatchNote.Headers["X-CityBrain-Signature"]);
        Assert.All(detail.Trail.Where(s => s.Action is "raised" or "joined"), s => Assert.Equal("data", s.Actor));
        Assert.All(detail.Trail.Where(s => s.Action is "acknowledged" or "dispatched" or "handled"), s => Assert.StartsWith("operator-", s.Actor));
        Assert.Equal("https://bureau.example/cases/photo-1.jpg", Assert.Single(detail.Trail.Single(s => s.Action == "handled").Links));
        var figures = (await Host.GetAsync<SupervisionResponse>("/api/supervision?region=demo-city&days=7"))!;
        // Its devices fall silent after the hour, which raises device cases too: the district's figures count every kind.
        var daxingCases = (await Host.GetAsync<List<CaseResponse>>("/api/cases?region=daxing&status=all&days=7"))!;
        Assert.Equal(daxingCases.Count, figures.Children.Single(c => c.Place.Id == "daxing").Figures.Opened);
        Assert.Equal(0, figures.Children.Single(c => c.Place.Id == "pinggu").Figures.Opened);
        var ecology = figures.Departments.Single(d => d.Department.Id == "ecology").Figures;
        Assert.Equal((1, 1, 0), (ecology.Open, ecology.Opened, ecology.Closed));
        Assert.NotNull(ecology.MedianMinutesToAcknowledge);
    }

    [Fact]
    public async Task A_silent_device_becomes_a_case_that_the_data_verifies_once_it_reports_again_and_a_person_closes()
    {
        await using var device = await Host.ConnectDeviceAsync("haidian", "silent-haidian");
        var sequence = 1L;
        Assert.True((await device.PublishAsync(sequence++, DateTimeOffset.UtcNow, TestDevice.Value(Quantity.Pm2_5, 30))).IsSuccess);

        var raised = await RunningHost.EventuallyAsync(() => Host.GetAsync<List<CaseResponse>>("/api/cases?region=haidian&kind=device"),
            c => c!.Count == 1, "the silent device's case");
        var id = raised![0].Id;
        var operatorClient = await Host.SignInAsAsync("operator");
        await StepAsync(operatorClient, id, "acknowledge", new CaseStepRequest(null, null, null));
        var dispatched = await StepAsync(operatorClient, id, "dispatch", new CaseStepRequest("派运维人员到站", null, null));
        await StepAsync(operatorClient, id, "handle", new CaseStepRequest("更换电源适配器", null, null));
        Assert.Equal("monitoring", dispatched.Department!.Id);

        // Reports again, and keeps reporting so that it does not fall silent again before the case is closed.
        using var reporting = new CancellationTokenSource();
        var reports = Task.Run(async () =>
        {
            while (!reporting.IsCancellationRequested)
            {
                await device.PublishAsync(sequence++, DateTimeOffset.UtcNow, TestDevice.Value(Quantity.Pm2_5, 30));
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        });
        await RunningHost.EventuallyAsync(() => Host.GetAsync<CaseDetailResponse>($"/api/cases/{id}"), c => c!.Case.Status == "verified", "the case verified by the data");
        var closed = await StepAsync(operatorClient, id, "close", new CaseStepRequest("设备恢复上报，结案", null, null));
        await reporting.CancelAsync();
        await reports;

        Assert.Equal(("closed", "haidian"), (closed.Status, closed.Region.Id));
        var trail = (await Host.GetAsync<CaseDetailResponse>($"/api/cases/{id}"))!.Trail;
        Assert.Equal(["raised", "acknowledged", "dispatched", "handled", "verified", "closed"], trail.Select(s => s.Action));
        Assert.Equal(("data", "设备恢复上报，结案"), (trail[4].Actor, trail[5].Note));
        Assert.Single((await Host.GetAsync<List<CaseResponse>>("/api/cases?region=haidian&status=closed"))!, c => c.Id == id);
        var figures = (await Host.GetAsync<SupervisionResponse>("/api/supervision?region=haidian&days=1"))!.Figures;
        Assert.Equal((1, 1.0), (figures.Closed, figures.ClosureRate));
        Assert.NotNull(figures.MedianMinutesToClose);
    }

    [Theory]
    [InlineData("/api/cases?status=maybe", HttpStatusCode.BadRequest, "status 'maybe' is not open, closed, all or one of raised, acknowledged, dispatched, handled, verified, closed")]
    [InlineData("/api/cases?kind=smell", HttpStatusCode.BadRequest, "kind 'smell' is not one of air, noise, device")]
    [InlineData("/api/cases?region=atlantis", HttpStatusCode.BadRequest, "'atlantis' is not a region of 'demo-city'")]
    [InlineData("/api/cases?limit=100000", HttpStatusCode.BadRequest, "limit '100000' must be a whole number from 1 to 500")]
    [InlineData("/api/cases?department=police", HttpStatusCode.BadRequest, "department 'police' is not one of the configured departments")]
    [InlineData("/api/cases/abc", HttpStatusCode.NotFound, "there is no case 'abc'")]
    [InlineData("/api/cases/99999", HttpStatusCode.NotFound, "there is no case '99999'")]
    [InlineData("/api/supervision?days=0", HttpStatusCode.BadRequest, "days '0' must be a whole number from 1 to 366")]
    public async Task Absurd_queries_are_refused_naming_what_was_wrong(string path, HttpStatusCode status, string error)
    {
        var response = await Host.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<ErrorResponse>())!.Error);
    }

    [Fact]
    public async Task Steps_need_an_operator_and_name_an_unknown_step_or_case()
    {
        var viewer = await Host.SignInAsAsync("viewer");
        var operatorClient = await Host.SignInAsAsync("operator");

        var anonymous = await Host.Anonymous.PostAsJsonAsync("/api/cases/1/acknowledge", new CaseStepRequest(null, null, null));
        var refused = await viewer.PostAsJsonAsync("/api/cases/1/acknowledge", new CaseStepRequest(null, null, null));
        var unknownStep = await operatorClient.PostAsJsonAsync("/api/cases/1/approve", new CaseStepRequest(null, null, null));
        var unknownCase = await operatorClient.PostAsJsonAsync("/api/cases/424242/acknowledge", new CaseStepRequest(null, null, null));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("'approve' is not a step of a case; use one of acknowledge, dispatch, handle, close", (await unknownStep.Content.ReadFromJsonAsync<ErrorResponse>())!.Error);
        Assert.Equal((HttpStatusCode.NotFound, "there is no case 424242"), (unknownCase.StatusCode, (await unknownCase.Content.ReadFromJsonAsync<ErrorResponse>())!.Error));
    }

    private static async Task PublishHourAsync(TestDevice device, DateTimeOffset start, double pm25)
    {
        for (var minute = 0; minute < 60; minute++)
        {
            var ack = await device.PublishAsync(minute + 1, start.AddMinutes(minute), TestDevice.Value(Quantity.Pm2_5, pm25));
            Assert.True(ack.IsSuccess, ack.ReasonString);
        }
    }

    private static async Task<CaseResponse> StepAsync(HttpClient client, long id, string step, CaseStepRequest request)
    {
        var response = await client.PostAsJsonAsync($"/api/cases/{id}/{step}", request);
        Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CaseResponse>())!;
    }
}
