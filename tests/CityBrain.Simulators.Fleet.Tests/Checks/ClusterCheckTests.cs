using System.Net;
using System.Net.Http.Json;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Checks;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.GroundTruth;
using CityBrain.Simulators.Fleet.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Simulators.Fleet.Tests.Checks;

/// <summary>The checks against a stand-in for the cluster's API that serves what a correct cluster would show, then
/// what a wrong one would.</summary>
public sealed class ClusterCheckTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Tolerance Tight = new(0.001, 1e-6);
    private readonly string _directory = Scratch.Memory("fleet-check-").FullName;
    private GroundTruthReader _truth = null!;
    private GatewaySite _homes1 = null!, _homes2 = null!, _shops1 = null!;

    public async Task InitializeAsync()
    {
        var city = TestCity.FourCharacters();
        (_homes1, _homes2, _shops1) = (TestCity.Site(city, "homes"), TestCity.Site(city, "homes", 2), TestCity.Site(city, "shops"));
        var path = Path.Combine(_directory, "truth.db");
        var recorder = await GroundTruthRecorder.CreateAsync(path, new Dictionary<string, string>(), [_homes1, _homes2, _shops1]);
        recorder.Record(_homes1, Report(_homes1, 10, pm: 20, noise: 50));
        recorder.Record(_homes2, Report(_homes2, 10, pm: 40, noise: 60));
        recorder.Record(_shops1, Report(_shops1, 10, pm: 35, noise: 65));
        recorder.Record(_homes1, Report(_homes1, 20, pm: 30, noise: 55));   // homes1's latest
        await recorder.FlushAsync();
        await recorder.SetRunAsync("end", Hour.AddMinutes(30).ToString("O"));
        _truth = GroundTruthReader.Open(path);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private static Telemetry Report(GatewaySite site, int minute, double pm, double noise) =>
        new(1, site.DeviceId, minute, Hour.AddMinutes(minute), 10,
            [Reading.Of(Quantity.Pm2_5, pm, Quality.Ok, "pms5003"), Reading.Of(Quantity.Noise, noise, Quality.Ok, "sen0232")]);

    private static double EnergyMean(params double[] levels) => 10 * Math.Log10(levels.Average(l => Math.Pow(10, l / 10)));

    /// <summary>The districts as a correct cluster shows the truth above: each district's mean over its gateways' latest values.</summary>
    private static CityView CorrectCity() => new([
        new DistrictView("homes", true, 2, new Dictionary<string, QuantityView>
        {
            ["pm2_5"] = new((30 + 40) / 2.0, "ug/m3", Hour.AddMinutes(20).AddSeconds(10), 2),
            ["noise"] = new(EnergyMean(55, 60), "dB(A)", Hour.AddMinutes(20).AddSeconds(10), 2),
        }),
        new DistrictView("shops", true, 1, new Dictionary<string, QuantityView>
        {
            ["pm2_5"] = new(35, "ug/m3", Hour.AddMinutes(10).AddSeconds(10), 1),
            ["noise"] = new(65, "dB(A)", Hour.AddMinutes(10).AddSeconds(10), 1),
        }),
    ]);

    private static CityApiClient Api(Func<string, object?> route) => new(new HttpClient(new Stub(route)) { BaseAddress = new Uri("http://cluster.invalid") });

    private sealed class Stub(Func<string, object?> route) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery;
            var body = route(path) switch
            {
                // A city as the cluster serves it: the tree of one region over the districts, then that region.
                CityView city when path == "/api/regions" => new TreeView(new TreeNodeView("test-city", [.. city.Districts.Select(d => new TreeNodeView(d.Id, []))])),
                CityView city => new RegionView(city.Districts),
                var other => other,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body, body.GetType()) });
        }
    }

    [Fact]
    public async Task District_means_that_match_the_truth_agree_including_the_energy_mean_of_noise()
    {
        var findings = await new DistrictLatestCheck(Tight, TimeSpan.FromHours(1)).RunAsync(_truth, Api(_ => CorrectCity()), CancellationToken.None);

        Assert.Equal(4, findings.Count);
        Assert.All(findings, f => Assert.True(f.Agrees, f.ToString()));
    }

    [Fact]
    public async Task A_wrong_mean_or_a_different_set_of_gateways_is_a_mismatch()
    {
        var city = CorrectCity();
        var homes = city.Districts[0];
        var arithmeticNoise = new Dictionary<string, QuantityView>(homes.Latest) { ["noise"] = homes.Latest["noise"] with { Value = (55 + 60) / 2.0 } };
        var wrong = city with { Districts = [homes with { Latest = arithmeticNoise }, city.Districts[1] with
        {
            Latest = new Dictionary<string, QuantityView>(city.Districts[1].Latest) { ["pm2_5"] = city.Districts[1].Latest["pm2_5"] with { Devices = 3 } },
        }] };

        var findings = await new DistrictLatestCheck(Tight, TimeSpan.FromHours(1)).RunAsync(_truth, Api(_ => wrong), CancellationToken.None);

        Assert.Equal(["homes noise", "shops pm2_5"], findings.Where(f => !f.Agrees).Select(f => $"{f.Subject} {f.Quantity}"));
        Assert.Contains("different set of gateways", findings.Single(f => f.Subject == "shops" && f.Quantity == "pm2_5").Note);
    }

    [Fact]
    public async Task Readings_older_than_the_clusters_stale_limit_are_left_out_of_the_expected_means()
    {
        var findings = await new DistrictLatestCheck(Tight, TimeSpan.FromMinutes(15)).RunAsync(_truth, Api(_ => CorrectCity()), CancellationToken.None);

        // Only homes1's 08:20 values are fresh within 15 minutes of the 08:30 end.
        Assert.Equal(["homes noise", "homes pm2_5"], findings.Select(f => $"{f.Subject} {f.Quantity}").Order());
        Assert.All(findings, f => Assert.False(f.Agrees));
    }

    [Fact]
    public async Task Devices_are_compared_value_quality_and_window_and_an_unknown_device_is_a_mismatch()
    {
        DeviceView Device(GatewaySite site, double pm, double noise, int minute) => new(site.DeviceId, site.District.Id, 1, 0, new Dictionary<string, DeviceValueView>
        {
            ["pm2_5"] = new(pm, "ug/m3", "ok", Hour.AddMinutes(minute).AddSeconds(10)),
            ["noise"] = new(noise, "dB(A)", "ok", Hour.AddMinutes(minute).AddSeconds(10)),
        });
        var api = Api(path => path switch
        {
            _ when path.EndsWith(_homes1.DeviceId, StringComparison.Ordinal) => Device(_homes1, 30, 55, 20),
            _ when path.EndsWith(_homes2.DeviceId, StringComparison.Ordinal) => Device(_homes2, 40, 60, 0),   // an older window
            _ => null,
        });

        var findings = await new DeviceLatestCheck(Tight, sample: 10).RunAsync(_truth, api, CancellationToken.None);

        Assert.All(findings.Where(f => f.Subject == _homes1.DeviceId), f => Assert.True(f.Agrees));
        Assert.All(findings.Where(f => f.Subject == _homes2.DeviceId), f => Assert.False(f.Agrees));
        Assert.All(findings.Where(f => f.Subject == _shops1.DeviceId), f => Assert.Equal("the cluster does not know the gateway", f.Note));
    }

    [Fact]
    public async Task The_runner_waits_for_a_cluster_that_is_still_catching_up()
    {
        var calls = 0;
        var lagging = CorrectCity() with { Districts = [CorrectCity().Districts[0] with { Latest = new Dictionary<string, QuantityView>() }, CorrectCity().Districts[1]] };
        // Counted per read of the districts, not per request: the tree comes first each time.
        var api = Api(path => path == "/api/regions" ? CorrectCity() : ++calls < 3 ? lagging : CorrectCity());
        var time = new FakeTimeProvider(Hour);
        var runner = new CheckRunner([new DistrictLatestCheck(Tight, TimeSpan.FromHours(1))], time);

        var running = runner.RunAsync(_truth, api, TimeSpan.FromMinutes(1), CancellationToken.None);
        while (!running.IsCompleted)
        {
            time.Advance(CheckRunner.RetryPeriod);
            await Task.Delay(10);
        }
        var outcome = Assert.Single(await running);

        Assert.True(outcome.Agrees);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task The_runner_reports_mismatches_once_its_patience_is_spent()
    {
        var wrong = CorrectCity() with { Districts = [CorrectCity().Districts[1]] };
        var time = new FakeTimeProvider(Hour);
        var running = new CheckRunner([new DistrictLatestCheck(Tight, TimeSpan.FromHours(1))], time)
            .RunAsync(_truth, Api(_ => wrong), TimeSpan.FromSeconds(10), CancellationToken.None);
        while (!running.IsCompleted)
        {
            time.Advance(CheckRunner.RetryPeriod);
            await Task.Delay(10);
        }
        var outcome = Assert.Single(await running);

        Assert.False(outcome.Agrees);
        Assert.Equal(2, outcome.Findings.Count(f => f.Note == "the cluster's city has no such district"));
    }

    [Fact]
    public async Task A_district_shared_with_gateways_of_another_fleet_is_undecided_saying_why_not_a_mismatch()
    {
        var city = CorrectCity();
        var homes = city.Districts[0];
        // The host's own simulated city adds ten gateways to homes: its means are no longer this run's alone.
        var shared = city with { Districts = [homes with
        {
            DevicesOnline = 12,
            Latest = homes.Latest.ToDictionary(q => q.Key, q => q.Value with { Value = q.Value.Value + 7, Devices = 12 }),
        }, city.Districts[1]] };

        var findings = await new DistrictLatestCheck(Tight, TimeSpan.FromHours(1)).RunAsync(_truth, Api(_ => shared), CancellationToken.None);
        var outcome = new CheckOutcome("district-latest", findings);

        Assert.Equal(["homes noise", "homes pm2_5"], findings.Where(f => f.Undecided).Select(f => $"{f.Subject} {f.Quantity}").Order());
        Assert.All(findings.Where(f => f.Undecided), f => Assert.Contains("10 gateway(s) online in this district are not of this run", f.Note));
        Assert.Equal(2, outcome.Decided.Count);
        Assert.True(outcome.Agrees);
    }

    [Fact]
    public async Task Hours_the_host_has_not_closed_yet_are_waited_for_then_compared()
    {
        var (truth, end) = await OneHourRunAsync("hours.db");
        var time = new FakeTimeProvider(end);
        var closeDelay = TimeSpan.FromMinutes(4);
        var check = new DistrictHourlyCheck(Tight, TimeSpan.FromMinutes(45), closeDelay, time);
        var api = Api(path => new HistoryView(path.Contains("noise") ? "noise" : "pm2_5",
            [new HistoryPointView(Hour, path.Contains("noise") ? 50 : 20, 1)]));

        var early = await check.RunAsync(truth, api, CancellationToken.None);
        Assert.Equal(2, early.Count);
        Assert.All(early, f => Assert.True(f.Undecided && f.Note!.Contains("may not have closed this hour yet: it does by 09:09:00Z"), f.ToString()));

        var running = new CheckRunner([check], time).RunAsync(truth, api, TimeSpan.FromSeconds(10), CancellationToken.None);
        while (!running.IsCompleted)
        {
            time.Advance(CheckRunner.RetryPeriod);
            await Task.Delay(10);
        }
        var outcome = Assert.Single(await running);

        Assert.True(time.GetUtcNow() >= end + closeDelay);
        Assert.Equal(2, outcome.Decided.Count);
        Assert.True(outcome.Agrees, string.Join("\n", outcome.Findings));
    }

    [Fact]
    public async Task A_round_that_began_before_the_hours_closed_is_not_the_answer_even_if_it_ended_after()
    {
        var (truth, end) = await OneHourRunAsync("slow.db");
        var time = new FakeTimeProvider(end);
        var closeDelay = TimeSpan.FromSeconds(1);
        // Each history request takes most of the close delay, as the cluster's API does on a loaded machine: the hours
        // close in the middle of a round, whose first series is then undecided and whose second agrees.
        var api = Api(path =>
        {
            time.Advance(TimeSpan.FromMilliseconds(600));
            return new HistoryView(path.Contains("noise") ? "noise" : "pm2_5", [new HistoryPointView(Hour, path.Contains("noise") ? 50 : 20, 1)]);
        });

        var running = new CheckRunner([new DistrictHourlyCheck(Tight, TimeSpan.FromMinutes(45), closeDelay, time)], time)
            .RunAsync(truth, api, TimeSpan.FromSeconds(30), CancellationToken.None);
        while (!running.IsCompleted)
        {
            time.Advance(CheckRunner.RetryPeriod);
            await Task.Delay(10);
        }
        var outcome = Assert.Single(await running);

        Assert.DoesNotContain(outcome.Findings, f => f.Undecided);
        Assert.Equal(2, outcome.Decided.Count);
        Assert.True(outcome.Agrees, string.Join("\n", outcome.Findings));
    }

    /// <summary>A run of one gateway reporting every 10 minutes through <see cref="Hour"/>, ended 5 minutes after it.</summary>
    private async Task<(GroundTruthReader Truth, DateTimeOffset End)> OneHourRunAsync(string file)
    {
        var path = Path.Combine(_directory, file);
        var recorder = await GroundTruthRecorder.CreateAsync(path, new Dictionary<string, string> { ["reportInterval"] = "00:10:00" }, [_homes1]);
        for (var minute = 0; minute < 60; minute += 10) recorder.Record(_homes1, Report(_homes1, minute, pm: 20, noise: 50));
        await recorder.FlushAsync();
        var end = Hour.AddMinutes(65);
        await recorder.SetRunAsync("end", end.ToString("O"));
        var truth = GroundTruthReader.Open(path);
        return (truth, end);
    }
}
