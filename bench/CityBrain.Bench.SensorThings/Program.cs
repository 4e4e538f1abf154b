using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;

// dotnet run -c Release --project bench/CityBrain.Bench.SensorThings [-- --observations 200000 --runs 3]
// How fast one Datastream's raw Observations stream out of /sta/v1.1: the journal read entry by entry, each report
// parsed and written as the standard's JSON straight to the response, read by a plain HttpClient on the same machine.
var observations = Option("--observations", 200_000);
var runs = Option("--runs", 3);
const string Device = "bench-sta";
const string Datastream = $"device:{Device}:pm2_5";

await using var host = await RunningHost.StartAsync(null, $"--SensorThings:MaxTop={observations}", "--Http:OpenRequestsPerMinutePerCaller=1000000");
// One report over MQTT registers the device and its Datastream; the rest go straight into the journal, which is what
// the read side reads (the grain applies them too, on its next activation).
var windowStart = DateTimeOffset.UtcNow.AddSeconds(-10L * (observations + 10));
await using (var device = await host.ConnectDeviceAsync("haidian", Device))
{
    var ack = await device.PublishAsync(1, windowStart, Reading.Of(Quantity.Pm2_5, 10, Quality.Ok, "pms5003@ttyS0", 9, 11, 10));
    if (!ack.IsSuccess) throw new InvalidOperationException($"the registering report was refused: {ack.ReasonString}");
}
var journal = host.Service<IRawJournal>();
var random = new Random(7);
var fill = Stopwatch.StartNew();
const int Batch = 2_000;
for (var first = 2; first <= observations; first += Batch)
{
    await Task.WhenAll(Enumerable.Range(first, Math.Min(Batch, observations - first + 1)).Select(sequence =>
    {
        var start = windowStart.AddSeconds(10L * sequence);
        var value = Math.Round(random.NextDouble() * 100, 1);
        var report = new Telemetry(1, Device, sequence, start, 10, [Reading.Of(Quantity.Pm2_5, value, Quality.Ok, "pms5003@ttyS0", value - 1, value + 1, 10),
            Reading.Of(Quantity.Temperature, 21.5, Quality.Ok, "bme280@1:0x76", 21, 22, 10)]);
        return journal.AppendAsync(new JournalEntry(Device, sequence, "haidian", start, DateTimeOffset.UtcNow, WireFormat.Serialize(report))).AsTask();
    }));
}
Console.WriteLine($"journal filled with {observations:N0} reports in {fill.Elapsed.TotalSeconds:N1} s");

using var http = host.NewClient(timeout: TimeSpan.FromMinutes(10));
var url = $"/sta/v1.1/Datastreams('{Datastream}')/Observations?$top={observations}";
var all = await BestAsync(url);
var filtered = await BestAsync(url + "&$filter=" + Uri.EscapeDataString("result gt 50 and parameters/sensor eq 'pms5003@ttyS0'"));

BenchReport.Write("SensorThings Observations streamed", [
    ($"{all.Count:N0} raw Observations of one Datastream, one request, no filter", $"{all.Count / all.Seconds:N0} Observations/s ({all.Bytes / all.Seconds / (1 << 20):N1} MB/s)"),
    ($"same with $filter=result gt 50 and parameters/sensor eq '…' ({filtered.Count:N0} match)",
        $"{observations / filtered.Seconds:N0} Observations/s read, {filtered.Count / filtered.Seconds:N0}/s written"),
], $"Best of {runs} runs; embedded host (SQLite journal), the client in the same process; every report holds two readings.");

async Task<(int Count, long Bytes, double Seconds)> BestAsync(string request)
{
    (int Count, long Bytes, double Seconds) best = (0, 0, double.MaxValue);
    for (var run = 0; run < runs; run++)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var counting = new CountingStream(body);
        using var document = await JsonDocument.ParseAsync(counting);
        var count = document.RootElement.GetProperty("value").GetArrayLength();
        var seconds = clock.Elapsed.TotalSeconds;
        if (seconds < best.Seconds) best = (count, counting.BytesRead, seconds);
    }
    return best;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>Counts the bytes of a response as they are read.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        BytesRead += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
