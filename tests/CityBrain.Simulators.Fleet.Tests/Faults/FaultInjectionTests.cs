using System.Buffers;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Tests.Support;
using CityBrain.Simulators.Fleet.Time;
using CityBrain.Simulators.Fleet.Uplinks;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Tests.Faults;

public class FaultInjectionTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = TestCity.WinterMidnight.AddHours(7);

    private static (ReportComposer Composer, IReadOnlyList<GatewaySite> Sites, FaultPlan Plan) Fleet(params FaultScenario[] faults)
    {
        var city = TestCity.FourCharacters() with { Faults = faults };
        var sites = FleetPlan.Sites(city);
        return (new ReportComposer(new CityAir(city, Start), Interval, city.Seed), sites, new FaultPlan(faults, sites, Start, city.Seed));
    }

    private static FaultScenario On(FaultKind kind, string gateway, double rate = 1, TimeSpan skew = default, double perHour = 0,
        IReadOnlyList<Quantity>? quantities = null, TimeSpan? startAfter = null, TimeSpan? duration = null) =>
        new(kind, new GatewaySelector([gateway], [], null), new FaultWindow(new ScenarioInstant(null, startAfter ?? TimeSpan.Zero), duration),
            rate, quantities, skew, perHour);

    private static IReadOnlyList<OutgoingMessage> Window((ReportComposer Composer, IReadOnlyList<GatewaySite> Sites, FaultPlan Plan) fleet, string gateway, int window)
    {
        var site = fleet.Sites.Single(s => s.DeviceId == gateway);
        return fleet.Composer.Compose(site, fleet.Plan.For(site), Start + window * Interval);
    }

    private static Telemetry Parse(OutgoingMessage m, long sequence = 1)
    {
        var parsed = WireFormat.ParseTelemetry(new ReadOnlySequence<byte>(m.Encode(sequence)), Start.AddDays(1));
        Assert.True(parsed.Ok, parsed.Rejection?.ToString());
        return parsed.Value;
    }

    [Fact]
    public void An_honest_report_is_valid_telemetry_on_the_gateways_own_topic()
    {
        var fleet = Fleet();

        var message = Assert.Single(Window(fleet, "sim-homes-0001", 3));

        Assert.Equal(MessageKind.Report, message.Kind);
        Assert.Equal("citybrain/v1/homes/sim-homes-0001/telemetry", message.Topic);
        var report = Parse(message, sequence: 1003);
        Assert.Equal(1003, report.Sequence);
        Assert.Equal(Start + 3 * Interval, report.Timestamp);
        Assert.Equal(10, report.WindowSeconds);
        Assert.Equal(CityScenario.AllSensors, report.Readings.Select(r => r.Quantity));
    }

    [Fact]
    public void A_stuck_sensor_repeats_the_value_it_had_when_it_stuck_while_the_others_move_on()
    {
        var fleet = Fleet(On(FaultKind.Stuck, "sim-homes-0001", quantities: [Quantity.Pm2_5], startAfter: TimeSpan.FromMinutes(1)));
        var honest = Fleet();
        double Pm(int window, bool faulty) => Parse(Window(faulty ? fleet : honest, "sim-homes-0001", window)[0]).Readings.Single(r => r.Quantity == Quantity.Pm2_5).Value!.Value;
        double No2(int window) => Parse(Window(fleet, "sim-homes-0001", window)[0]).Readings.Single(r => r.Quantity == Quantity.No2).Value!.Value;

        Assert.Equal(Pm(3, faulty: false), Pm(3, faulty: true));
        var frozen = Pm(6, faulty: false);
        Assert.All(new[] { 6, 50, 200 }, w => Assert.Equal(frozen, Pm(w, faulty: true)));
        Assert.NotEqual(Pm(200, faulty: false), Pm(200, faulty: true));
        Assert.NotEqual(No2(50), No2(200));
    }

    [Fact]
    public void A_drifting_sensor_strays_by_its_rate_per_hour()
    {
        var fleet = Fleet(On(FaultKind.Drift, "sim-shops-0002", perHour: 0.2, quantities: [Quantity.No2]));
        var honest = Fleet();
        double No2((ReportComposer, IReadOnlyList<GatewaySite>, FaultPlan) f, int window) =>
            Parse(Window(f, "sim-shops-0002", window)[0]).Readings.Single(r => r.Quantity == Quantity.No2).Value!.Value;

        Assert.Equal(No2(honest, 0), No2(fleet, 0), 0.011);
        Assert.Equal(1.2 * No2(honest, 360), No2(fleet, 360), 0.011);   // one hour in
        Assert.Equal(1.4 * No2(honest, 720), No2(fleet, 720), 0.011);   // two hours in
    }

    [Fact]
    public void A_skewed_clock_shifts_the_timestamp_and_only_that()
    {
        var fleet = Fleet(On(FaultKind.ClockSkew, "sim-works-0001", skew: TimeSpan.FromMinutes(-3)));
        var honest = Fleet();

        var skewed = Assert.Single(Window(fleet, "sim-works-0001", 4));
        var straight = Assert.Single(Window(honest, "sim-works-0001", 4));

        Assert.Equal(MessageKind.Skewed, skewed.Kind);
        Assert.Equal(Parse(straight).Timestamp.AddMinutes(-3), Parse(skewed).Timestamp);
        Assert.Equal(Parse(straight).Readings, Parse(skewed).Readings);
    }

    [Fact]
    public void Every_kind_of_corrupt_payload_is_refused_by_the_contract_with_a_reason()
    {
        var fleet = Fleet();
        var report = Parse(Window(fleet, "sim-homes-0001", 0)[0]);

        Assert.All(Enumerable.Range(0, 200).SelectMany(w => Window(Fleet(On(FaultKind.Corrupt, "sim-homes-0001")), "sim-homes-0001", w)),
            m => Assert.True(m.MustBeRefused(Start)));
        foreach (var variant in CorruptPayloads.All)
        {
            var payload = CorruptPayloads.Make(report, variant);
            var parsed = WireFormat.ParseTelemetry(new ReadOnlySequence<byte>(payload), Start.AddDays(1));
            Assert.False(parsed.Ok, $"{variant} was accepted");
            Assert.False(string.IsNullOrWhiteSpace(parsed.Rejection.Reason));
        }
    }

    [Fact]
    public void Corrupt_payloads_replace_about_the_given_share_of_reports_and_are_drawn_from_the_seed()
    {
        var fleet = Fleet(On(FaultKind.Corrupt, "sim-homes-0001", rate: 0.1));
        var kinds = Enumerable.Range(0, 2000).Select(w => Assert.Single(Window(fleet, "sim-homes-0001", w)).Kind).ToList();

        Assert.InRange(kinds.Count(k => k == MessageKind.Corrupt), 150, 250);
        Assert.Equal(kinds, Enumerable.Range(0, 2000).Select(w => Window(Fleet(On(FaultKind.Corrupt, "sim-homes-0001", rate: 0.1)), "sim-homes-0001", w)[0].Kind));
        Assert.All(Enumerable.Range(0, 50), w => Assert.Equal(MessageKind.Report, Assert.Single(Window(fleet, "sim-homes-0002", w)).Kind));
    }

    [Fact]
    public void A_duplicate_is_the_previous_payload_again_byte_for_byte()
    {
        var fleet = Fleet(On(FaultKind.Duplicate, "sim-homes-0001"));
        var numbering = new PayloadNumbering(first: 70);

        var messages = Window(fleet, "sim-homes-0001", 2);
        var payloads = messages.Select(numbering.Payload).ToList();

        Assert.Equal([MessageKind.Report, MessageKind.Duplicate], messages.Select(m => m.Kind));
        Assert.Equal(messages[0].Topic, messages[1].Topic);
        Assert.Equal(payloads[0], payloads[1]);
        Assert.Equal(70, WireFormat.ParseTelemetry(payloads[0], Start.AddDays(1)).Value!.Sequence);
        Assert.Equal(71, WireFormat.ParseTelemetry(numbering.Payload(Window(fleet, "sim-homes-0001", 3)[0]), Start.AddDays(1)).Value!.Sequence);
    }

    [Fact]
    public void A_foreign_topic_is_another_gateway_of_the_fleet_while_the_payload_names_the_sender()
    {
        var fleet = Fleet(On(FaultKind.ForeignTopic, "sim-green-0002"));

        var message = Assert.Single(Window(fleet, "sim-green-0002", 1));

        Assert.Equal(MessageKind.ForeignTopic, message.Kind);
        Assert.True(TopicAddress.TryParse(message.Topic, out var address));
        Assert.NotEqual("sim-green-0002", address.Device);
        Assert.Contains(fleet.Sites, s => s.DeviceId == address.Device && s.District.Id == address.District);
        Assert.Equal("sim-green-0002", Parse(message).DeviceId);
        Assert.Equal(TopicKind.Telemetry, address.Kind);
    }

    [Fact]
    public void A_fault_acts_only_inside_its_window()
    {
        var fleet = Fleet(On(FaultKind.Duplicate, "sim-homes-0001", startAfter: TimeSpan.FromMinutes(1), duration: TimeSpan.FromMinutes(1)));

        Assert.Single(Window(fleet, "sim-homes-0001", 5));
        Assert.Equal(2, Window(fleet, "sim-homes-0001", 6).Count);
        Assert.Equal(2, Window(fleet, "sim-homes-0001", 11).Count);
        Assert.Single(Window(fleet, "sim-homes-0001", 12));
    }

    [Fact]
    public void A_share_of_the_fleet_is_chosen_by_the_seed_and_named_gateways_must_exist()
    {
        var city = TestCity.Demo();
        var sites = FleetPlan.Sites(city, 2000);
        var share = new FaultScenario(FaultKind.Corrupt, new GatewaySelector([], [], 0.25), FaultWindow.WholeRun);
        var byDistrict = new FaultScenario(FaultKind.Corrupt, new GatewaySelector([], ["haidian"], null), FaultWindow.WholeRun);

        var plan = new FaultPlan([share], sites, Start, city.Seed);
        Assert.InRange(plan.AffectedGateways, 430, 570);
        Assert.Equal(plan.AffectedGateways, new FaultPlan([share], sites, Start, city.Seed).AffectedGateways);
        Assert.Equal(sites.Count(s => s.District.Id == "haidian"), new FaultPlan([byDistrict], sites, Start, city.Seed).AffectedGateways);
        var ex = Assert.Throws<InvalidScenarioException>(() =>
            new FaultPlan([new FaultScenario(FaultKind.Stuck, new GatewaySelector(["sim-haidian-9999"], [], null), FaultWindow.WholeRun)], sites, Start, 1));
        Assert.Equal("faults[0].gateways[0]", Assert.Single(ex.Errors).Field);
    }
}
