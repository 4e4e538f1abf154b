using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Link;
using Microsoft.Extensions.Options;

namespace CityBrain.Edge.Configuration;

/// <summary>Checks the configuration before the gateway starts, with one sentence per problem that names the
/// setting, says what is wrong and what a valid value looks like.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(GatewayOptions o)
    {
        const string p = GatewayOptions.Section + ":";
        if (string.IsNullOrEmpty(o.DeviceId)) yield return $"{p}DeviceId is not set: provision the gateway with citybrain-edge provision --device <id>";
        else if (!Identifier.IsValid(o.DeviceId)) yield return $"{p}DeviceId '{o.DeviceId}' is not valid: {IdRule}";
        if (string.IsNullOrEmpty(o.District)) yield return $"{p}District is not set: provision the gateway with citybrain-edge provision --district <id>";
        else if (!Identifier.IsValid(o.District)) yield return $"{p}District '{o.District}' is not valid: {IdRule}";
        if (o.SiteReport()?.Problem() is { } site) yield return $"{p}Site and {p}Position: {site}";
        if (string.IsNullOrWhiteSpace(o.DataDirectory)) yield return $"{p}DataDirectory is empty: use e.g. /var/lib/citybrain-edge";
        if (o.ReportInterval < TimeSpan.FromSeconds(1) || o.ReportInterval > TimeSpan.FromSeconds(WireFormat.MaxWindowSeconds) || o.ReportInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return $"{p}ReportInterval {o.ReportInterval} must be whole seconds between 00:00:01 and 01:00:00 (the cluster takes report windows of at most an hour)";
        }
        foreach (var problem in Interval($"{p}SampleInterval", o.SampleInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1))) yield return problem;
        foreach (var problem in Interval($"{p}HealthInterval", o.HealthInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))) yield return problem;
        foreach (var problem in Interval($"{p}StatusInterval", o.StatusInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10))) yield return problem;
        foreach (var problem in Problems(o.Broker)) yield return problem;
        foreach (var problem in o.Broker.Tls.Problems()) yield return problem;
        if (o.Broker.MaxInFlight is < 1 or > 128) yield return $"{p}Broker:MaxInFlight {o.Broker.MaxInFlight} must be between 1 and 128";
        foreach (var problem in o.Outbox.Problems($"{p}Outbox:")) yield return problem;
        for (var i = 0; i < o.Sensors.Count; i++)
        {
            foreach (var problem in Problems(o.Sensors[i], $"{p}Sensors:{i}:")) yield return problem;
        }
        foreach (var twice in o.Sensors.Where(s => s.Name is not null).GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            yield return $"{p}Sensors: the name '{twice.Key}' is used by {twice.Count()} sensors; names must be unique";
        }
    }

    private const string IdRule = "use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit";

    /// <summary>The sentence for an entry of Broker:Endpoints that is not host:port.</summary>
    public static string EndpointProblem(int index, string text, string problem) =>
        $"{GatewayOptions.Section}:Broker:Endpoints:{index} '{text}' is not a broker's host:port: {problem}";

    private static IEnumerable<string> Problems(BrokerOptions b)
    {
        const string p = GatewayOptions.Section + ":Broker:";
        if (b.Host is { } host && string.IsNullOrWhiteSpace(host)) yield return $"{p}Host is empty: give the broker's host name or address";
        if (b.Port is < 1 or > 65535) yield return $"{p}Port {b.Port} is not a TCP port (1-65535; MQTT is usually 1883)";
        if (b.Endpoints.Count == 0) yield break;
        if (b.Host is not null || b.Port is not null)
        {
            yield return $"{p}Endpoints and {p}Host/Port are both set: list every broker in Endpoints (host:port each) and leave Host and Port out";
        }
        var parsed = new List<BrokerAddress>();
        for (var i = 0; i < b.Endpoints.Count; i++)
        {
            if (BrokerAddress.TryParse(b.Endpoints[i], null, out var address, out var problem)) parsed.Add(address);
            else yield return EndpointProblem(i, b.Endpoints[i], problem);
        }
        foreach (var twice in parsed.GroupBy(a => a).Where(g => g.Count() > 1))
        {
            yield return $"{p}Endpoints lists {twice.Key} {twice.Count()} times: list each broker once";
        }
    }

    private static IEnumerable<string> Problems(SensorOptions s, string p)
    {
        if (string.IsNullOrWhiteSpace(s.Type)) yield return $"{p}Type is missing: name the chip, e.g. sht4x";
        if (s.Name is { } name && (name.Length is 0 or > WireFormat.MaxSensorLength || name.Any(c => !char.IsAsciiLetterOrDigit(c) && !WireFormat.SensorCharacters.Contains(c))))
        {
            yield return $"{p}Name '{name}' is not a sensor name the cluster takes: use 1-{WireFormat.MaxSensorLength} letters, digits or '{WireFormat.SensorCharacters}', e.g. pms5003@ttyAMA0";
        }
        if (s.Address is < 0 or > 0x7F) yield return $"{p}Address {s.Address} is not a 7-bit I2C address (0x03-0x77, or 0 for the chip's default)";
        if (s.Bus < 0) yield return $"{p}Bus {s.Bus} is negative: I2C buses are /dev/i2c-0, /dev/i2c-1, ...";
        if (s.SampleInterval is { } interval)
        {
            foreach (var problem in Interval($"{p}SampleInterval", interval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1))) yield return problem;
        }
        if (s.WarmUp < TimeSpan.Zero || s.WarmUp > TimeSpan.FromHours(1)) yield return $"{p}WarmUp {s.WarmUp} must be between 00:00:00 and 01:00:00";
        if (s.MaxChecksumErrorRate is < 0 or > 1) yield return $"{p}MaxChecksumErrorRate {s.MaxChecksumErrorRate} must be a share between 0 and 1";
        if (s.Calibration is { } c)
        {
            if (c.Quantity is not null && !Quantities.TryParse(c.Quantity, out _)) yield return $"{p}Calibration:Quantity '{c.Quantity}' is not a quantity ({KnownQuantities})";
            if (!double.IsFinite(c.Factor) || c.Factor <= 0) yield return $"{p}Calibration:Factor {c.Factor} must be a positive number (1 = no correction)";
            if (!double.IsFinite(c.Offset)) yield return $"{p}Calibration:Offset must be a finite number";
        }
        foreach (var (quantity, limits) in s.Limits)
        {
            if (!Quantities.TryParse(quantity, out _)) yield return $"{p}Limits: '{quantity}' is not a quantity ({KnownQuantities})";
            if (limits is { Min: { } min, Max: { } max } && min >= max) yield return $"{p}Limits:{quantity}: Min {min} must be below Max {max}";
            if (limits.MaxJump is <= 0) yield return $"{p}Limits:{quantity}:MaxJump must be positive";
            if (limits.StuckAfter is < 0) yield return $"{p}Limits:{quantity}:StuckAfter must be 0 (off) or more";
        }
    }

    private static IEnumerable<string> Interval(string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max) yield return $"{key} {value} must be between {min} and {max}";
    }

    private static string KnownQuantities => string.Join(", ", Quantities.All.Select(q => q.WireName));
}
