using System.Buffers;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.GroundTruth;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Tests.Support;

namespace CityBrain.Simulators.Fleet.Tests.GroundTruth;

public sealed class GroundTruthTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fleet-truth-").FullName;
    private TestBroker _broker = null!;

    private string TruthPath => Path.Combine(_directory, "truth.db");

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Hourly_sums_and_latest_values_are_recorded_and_energy_averaged_for_noise()
    {
        var city = TestCity.FourCharacters();
        var homes1 = TestCity.Site(city, "homes");
        var homes2 = TestCity.Site(city, "homes", 2);
        var hour = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var recorder = await GroundTruthRecorder.CreateAsync(TruthPath, new Dictionary<string, string> { ["seed"] = "42" }, [homes1, homes2]);
        Telemetry Report(string device, long seq, DateTimeOffset at, double pm, double noise, Quality quality = Quality.Ok) =>
            new(1, device, seq, at, 10, [Reading.Of(Quantity.Pm2_5, pm, quality, "pms5003"), Reading.Of(Quantity.Noise, noise, Quality.Ok, "sen0232")]);

        recorder.Record(homes1, Report(homes1.DeviceId, 1, hour.AddMinutes(10), 20, 50));
        recorder.Record(homes1, Report(homes1.DeviceId, 2, hour.AddMinutes(20), 40, 60));
        await recorder.FlushAsync();   // sums merge across flushes
        recorder.Record(homes1, Report(homes1.DeviceId, 3, hour.AddMinutes(70), 90, 55, Quality.Suspect));
        recorder.Record(homes2, Report(homes2.DeviceId, 1, hour.AddMinutes(30), 30, 70));
        recorder.Record(homes1, Report(homes1.DeviceId, 0, hour.AddMinutes(5), 99, 99));   // a late backlog report: not the latest
        await recorder.FlushAsync();
        await recorder.SetRunAsync("end", hour.AddHours(2).ToString("O"));

        var truth = GroundTruthReader.Open(TruthPath);
        Assert.Equal("42", truth.Run["seed"]);
        var hourly = truth.DistrictHourly("homes");
        var pm = Assert.Single(hourly, h => h.Quantity == "pm2_5");     // the suspect 09:10 value is not in any mean
        Assert.Equal(hour, pm.Hour);
        Assert.Equal((20 + 40 + 30 + 99) / 4.0, pm.Mean, 9);
        Assert.Equal(4, pm.Count);
        var noise = hourly.Where(h => h.Quantity == "noise").ToList();
        Assert.Equal(10 * Math.Log10((1e5 + 1e6 + 1e7 + Math.Pow(10, 9.9)) / 4), noise[0].Mean, 9);
        Assert.Equal(55, noise[1].Mean, 9);

        var latest = truth.DeviceLatest(homes1.DeviceId);
        Assert.Equal(new DeviceValue(homes1.DeviceId, "homes", "pm2_5", 90, "suspect", hour.AddMinutes(70).AddSeconds(10)), latest.Single(l => l.Quantity == "pm2_5"));
        var district = truth.DistrictLatest(hour);
        // Only homes2's pm2_5 is ok; noise is the energy mean of 55 (homes1) and 70 (homes2).
        Assert.Equal(new DistrictValue("homes", "pm2_5", 30, 1, hour.AddMinutes(30).AddSeconds(10)), district.Single(d => d.Quantity == "pm2_5"));
        Assert.Equal(10 * Math.Log10((Math.Pow(10, 5.5) + 1e7) / 2), district.Single(d => d.Quantity == "noise").Mean, 9);
        Assert.Equal(2, district.Single(d => d.Quantity == "noise").Devices);
    }

    [Fact]
    public async Task A_run_records_exactly_what_the_broker_accepted_and_nothing_it_refused()
    {
        await FleetHost.RunAsync(_broker, o =>
        {
            o.ScenarioPath = TestCity.DemoCityPath;
            o.Gateways = 12;
            o.ReportInterval = TimeSpan.FromSeconds(5);
            o.TimeScale = 100;
            o.Duration = TimeSpan.FromMinutes(10);
            o.GroundTruthPath = TruthPath;
            o.Faults = ["corrupt:share=0.5,rate=0.2", "duplicate:share=0.5,rate=0.2"];
        });

        var accepted = _broker.Telemetry()
            .Select(m => WireFormat.ParseTelemetry(new ReadOnlySequence<byte>(m.Payload), DateTimeOffset.UtcNow).Value!)
            .DistinctBy(t => (t.DeviceId, t.Sequence))
            .ToList();
        var truth = GroundTruthReader.Open(TruthPath);
        Assert.NotNull(truth.End);
        Assert.Equal("12", truth.Run["gateways"]);
        // Every reading of every accepted report, the new stations' Sensirion quantities included (the park district
        // has no SO2 and CO sensors; a modern station reports 21 quantities, a classic one with an SGP41 14).
        Assert.Equal(accepted.Sum(t => t.Readings.Count), truth.DistrictHourly().Sum(h => h.Count));
        Assert.Equal(accepted.SelectMany(t => t.Readings).Select(r => r.Quantity.WireName()).ToHashSet(),
            truth.DistrictHourly().Select(h => h.Quantity).ToHashSet());
        Assert.Contains(truth.DistrictHourly(), h => h.Quantity == "nc2_5");
        Assert.Contains(truth.DistrictHourly(), h => h.Quantity == "voc_raw");
        var expectedPm = accepted.GroupBy(t => t.DeviceId.Split('-')[1])
            .ToDictionary(g => g.Key, g => g.SelectMany(t => t.Readings).Where(r => r.Quantity == Quantity.Pm2_5).Average(r => r.Value!.Value));
        foreach (var (district, mean) in expectedPm)
        {
            var hours = truth.DistrictHourly(district, "pm2_5");
            Assert.Equal(mean, hours.Sum(h => h.Mean * h.Count) / hours.Sum(h => h.Count), 6);
        }
        var last = accepted.Where(t => t.DeviceId == accepted[0].DeviceId).MaxBy(t => t.Timestamp)!;
        Assert.Equal(last.Readings.Single(r => r.Quantity == Quantity.No2).Value,
            truth.DeviceLatest(last.DeviceId).Single(l => l.Quantity == "no2").Value);
    }

    [Fact]
    public void Opening_something_else_says_so()
    {
        File.WriteAllText(TruthPath, "not a database");

        Assert.Throws<InvalidDataException>(() => GroundTruthReader.Open(TruthPath));
        Assert.Throws<FileNotFoundException>(() => GroundTruthReader.Open(Path.Combine(_directory, "missing.db")));
    }
}
