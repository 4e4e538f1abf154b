using System.Buffers;
using System.Text;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Tests;

/// <summary>Payloads written to slip past the parser and then skew an indicator: each is refused with a reason that
/// names the field, and nothing a gateway can send makes the parser throw.</summary>
public class HostilePayloadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private const string Pm = """{"quantity":"pm2_5","value":12.5,"unit":"ug/m3","quality":"ok","sensor":"pms5003"}""";

    private static ParseResult<Telemetry> Parse(string json) =>
        WireFormat.ParseTelemetry(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Now);

    private static string Report(string readings = $"[{Pm}]", string sequence = "7", string timestamp = "\"2026-11-23T07:59:00Z\"",
        string windowSeconds = "60", string extra = "") =>
        $$"""{"version":1,"deviceId":"gw-1","sequence":{{sequence}},"timestamp":{{timestamp}},"windowSeconds":{{windowSeconds}}{{extra}},"readings":{{readings}}}""";

    /// <summary>One pm2_5 reading with the given fields after quantity and unit.</summary>
    private static string WithReading(string fields) => Report($$"""[{"quantity":"pm2_5","unit":"ug/m3",{{fields}}}]""");

    private static string Sensor(string name) => WithReading($$"""
        "value":1,"quality":"ok","sensor":{{name}}
        """);

    private static string Reason(string reason) => WithReading($$"""
        "value":1,"quality":"suspect","sensor":"pms5003","reason":{{reason}}
        """);

    [Fact]
    public void The_bounds_the_grains_rely_on_are_public()
    {
        Assert.Equal(3600, WireFormat.MaxWindowSeconds);
        Assert.Equal((1L << 53) - 1, WireFormat.MaxSequence);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), WireFormat.EarliestTimestamp);
    }

    public static TheoryData<string, RejectionKind, string> Refused => new()
    {
        // 1. A clock that was never set, and a window that reaches into the future.
        { Report(timestamp: "\"0001-01-01T00:00:00Z\""), RejectionKind.ClockNotSet, "clock is not set" },
        { Report(timestamp: "\"1970-01-01T00:00:00Z\""), RejectionKind.ClockNotSet, "1970-01-01T00:00:00Z is before 2020-01-01T00:00:00Z" },
        { Report(timestamp: "\"2019-12-31T23:59:00Z\""), RejectionKind.ClockNotSet, "clock is not set" },
        { Report(timestamp: "\"2026-11-23T07:59:00Z\"", windowSeconds: "3600"), RejectionKind.FutureTimestamp, "windowSeconds 3600 ends 3540 s in the future" },
        { Report(timestamp: "\"2026-11-23T08:04:00Z\"", windowSeconds: "120"), RejectionKind.FutureTimestamp, "must not reach into the future" },
        { Report(timestamp: "\"9999-12-31T23:59:59Z\"", windowSeconds: "3600"), RejectionKind.FutureTimestamp, "in the future" },
        { Report(timestamp: "\"2026-11-23T07:59:00\""), RejectionKind.NotUtc, "has no time zone" },
        { Report(timestamp: "\"2026-11-23\""), RejectionKind.NotUtc, "has no time zone" },
        { Report(timestamp: "\"0001-01-01T00:00:00+01:00\""), RejectionKind.Malformed, "timestamp '0001-01-01T00:00:00+01:00' is not an ISO 8601" },
        { Report(timestamp: "\"yesterday\""), RejectionKind.NotUtc, "timestamp 'yesterday'" },
        { Report(timestamp: "1732348740"), RejectionKind.Malformed, "timestamp must be a string" },

        // 2. At most an hour per report.
        { Report(timestamp: "\"2026-11-22T08:00:00Z\"", windowSeconds: "86400"), RejectionKind.OutOfRange, "windowSeconds 86400 is outside 1..3600" },
        { Report(timestamp: "\"2026-11-23T06:00:00Z\"", windowSeconds: "3601"), RejectionKind.OutOfRange, "windowSeconds 3601 is outside 1..3600" },
        { Report(windowSeconds: "0"), RejectionKind.OutOfRange, "windowSeconds 0 is outside 1..3600" },
        { Report(windowSeconds: "99999999999"), RejectionKind.OutOfRange, "windowSeconds 99999999999 is outside 1..3600" },

        // 3. Sequences every JSON reader keeps exact.
        { Report(sequence: "9007199254740992"), RejectionKind.OutOfRange, "sequence 9007199254740992 is outside 0..9007199254740991" },
        { Report(sequence: "9223372036854775807"), RejectionKind.OutOfRange, "sequence 9223372036854775807 is outside" },
        { Report(sequence: "99999999999999999999999"), RejectionKind.OutOfRange, "sequence 99999999999999999999999 is outside" },
        { Report(sequence: "-9223372036854775808"), RejectionKind.OutOfRange, "negative" },
        { Report(sequence: "7.5"), RejectionKind.Malformed, "sequence 7.5 is not a whole number" },
        { Report(sequence: "1e3"), RejectionKind.Malformed, "sequence 1e3 is not a whole number" },

        // 4. Duplicate property names, which a JSON reader would silently resolve to the last one.
        { WithReading(""" "value":1,"value":900,"quality":"ok","sensor":"pms5003" """), RejectionKind.DuplicateProperty, "property 'value' appears twice in readings[0]" },
        { WithReading(""" "value":1,"\u0076alue":900,"quality":"ok","sensor":"pms5003" """), RejectionKind.DuplicateProperty, "'value' appears twice" },
        { Report(extra: ""","timestamp":"2026-11-23T07:58:00Z" """), RejectionKind.DuplicateProperty, "property 'timestamp' appears twice at the top level" },
        { Report(extra: $$""","readings":[{{Pm}}]"""), RejectionKind.DuplicateProperty, "property 'readings' appears twice" },
        { WithReading(""" "value":1,"quality":"ok","quality":"invalid","sensor":"pms5003" """), RejectionKind.DuplicateProperty, "'quality'" },

        // 5. One reading per quantity and sensor.
        { Report($"[{Pm},{Pm}]"), RejectionKind.DuplicateReading, "quantity pm2_5 from sensor 'pms5003' appears in readings[0] and readings[1]" },
        {
            Report($$"""[{{Pm}},{"quantity":"pm10","value":20,"unit":"ug/m3","quality":"ok","sensor":"pms5003"},{"quantity":"pm2_5","value":99,"unit":"ug/m3","quality":"suspect","sensor":"pms5003"}]"""),
            RejectionKind.DuplicateReading, "readings[0] and readings[2]"
        },

        // 6. A closed schema: misspelt and invented properties are refused, not ignored.
        { Report(extra: ""","windowSecond":3600"""), RejectionKind.UnknownProperty, "unknown property 'windowSecond' at the top level" },
        { Report(extra: ""","Sequence":1"""), RejectionKind.UnknownProperty, "'Sequence'" },
        { WithReading(""" "value":1,"quality":"ok","sensor":"pms5003","weight":1000 """), RejectionKind.UnknownProperty, "unknown property 'weight' in readings[0]" },
        { WithReading(""" "value":1,"quality":"ok","sensor":"pms5003","minimum":0 """), RejectionKind.UnknownProperty, "'minimum'" },
        { WithReading(""" "Value":1,"quality":"ok","sensor":"pms5003" """), RejectionKind.UnknownProperty, "'Value'" },

        // 7. Sensor names and reasons are plain, bounded text.
        { Sensor("\"<script>alert(1)</script>\""), RejectionKind.InvalidText, "contains U+003C ('<')" },
        { Sensor("\"pms 5003\""), RejectionKind.InvalidText, "contains U+0020, which is not allowed" },
        { Sensor("\"pms\\\"5003\""), RejectionKind.InvalidText, "U+0022" },
        { Sensor("\"pms\\u00005003\""), RejectionKind.InvalidText, "U+0000" },
        { Sensor("\"pms5003\\n\""), RejectionKind.InvalidText, "U+000A" },
        { Sensor("\"传感器\""), RejectionKind.InvalidText, "U+4F20" },
        { Sensor($"\"{new string('a', 65)}\""), RejectionKind.InvalidText, "65 characters long; at most 64" },
        { Sensor("\"\""), RejectionKind.MissingField, "sensor is empty" },
        { Sensor("42"), RejectionKind.Malformed, "readings[0].sensor must be a string" },
        { Reason($"\"{new string('x', 201)}\""), RejectionKind.InvalidText, "reason is 201 characters long; at most 200" },
        { Reason("\"line one\\nline two\""), RejectionKind.InvalidText, "U+000A" },
        { Reason("\"\\u202Eesrever\""), RejectionKind.InvalidText, "U+202E" },
        { Reason("\"bell\\u0007\""), RejectionKind.InvalidText, "U+0007" },

        // 8. Fields that contradict each other, and values in a form a gateway must not use.
        { WithReading(""" "value":500,"quality":"ok","sensor":"pms5003","min":30,"max":40 """), RejectionKind.Inconsistent, "value 500 is above max 40" },
        { WithReading(""" "value":5,"quality":"ok","sensor":"pms5003","min":30,"max":40 """), RejectionKind.Inconsistent, "value 5 is below min 30" },
        { WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","min":40,"max":30 """), RejectionKind.Inconsistent, "min 40 is above max 30" },
        { WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","count":0 """), RejectionKind.Inconsistent, "count 0 but value 35" },
        { WithReading(""" "value":null,"quality":"invalid","sensor":"pms5003","count":30 """), RejectionKind.Inconsistent, "count 30 but value is null" },
        { WithReading(""" "value":null,"quality":"invalid","sensor":"pms5003","min":1,"max":2 """), RejectionKind.Inconsistent, "min is given but value is null" },
        { WithReading(""" "value":35,"quality":"invalid","sensor":"pms5003","max":40 """), RejectionKind.Inconsistent, "max is given on an invalid reading" },
        { WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","count":-1 """), RejectionKind.OutOfRange, "readings[0].count -1 is negative" },
        { WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","count":2.5 """), RejectionKind.Malformed, "count 2.5 is not a whole number" },
        { WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","min":-1 """), RejectionKind.OutOfRange, "min -1 ug/m3 is outside the possible range" },
        { WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","max":1e400 """), RejectionKind.NonFiniteValue, "readings[0].max 1e400 is not a finite number" },
        { WithReading(""" "value":35,"quality":"OK","sensor":"pms5003" """), RejectionKind.Malformed, "unknown quality 'OK' (known: ok, suspect, invalid)" },
        { WithReading(""" "value":35,"quality":0,"sensor":"pms5003" """), RejectionKind.Malformed, "readings[0].quality must be a string" },
        { WithReading(""" "value":35,"quality":null,"sensor":"pms5003" """), RejectionKind.MissingField, "readings[0].quality is null" },
        { WithReading(""" "value":"35","quality":"ok","sensor":"pms5003" """), RejectionKind.Malformed, "readings[0].value must be a number or null, not a string" },
        { WithReading(""" "value":true,"quality":"ok","sensor":"pms5003" """), RejectionKind.Malformed, "readings[0].value must be a number or null, not a boolean" },
        { WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","min":"30" """), RejectionKind.Malformed, "readings[0].min must be a number" },
        { WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","count":"30" """), RejectionKind.Malformed, "readings[0].count must be a whole number, not a string" },
        { WithReading(""" "value":[35],"quality":"ok","sensor":"pms5003" """), RejectionKind.Malformed, "readings[0].value must be a number or null, not an array" },
        { Report(sequence: "\"7\""), RejectionKind.Malformed, "sequence must be a whole number, not a string" },
        { Report(windowSeconds: "\"60\""), RejectionKind.Malformed, "windowSeconds must be a whole number, not a string" },
        { Report(sequence: "null"), RejectionKind.MissingField, "sequence is null" },
        { """{"version":"1","deviceId":"gw-1","sequence":7,"timestamp":"2026-11-23T07:59:00Z","windowSeconds":60,"readings":[]}""", RejectionKind.Malformed, "version must be a whole number" },
        { """{"version":1.0,"deviceId":"gw-1","sequence":7,"timestamp":"2026-11-23T07:59:00Z","windowSeconds":60,"readings":[]}""", RejectionKind.Malformed, "version 1.0 is not a whole number" },

        // Structure: what follows the report, and what is not a reading.
        { Report() + Report(), RejectionKind.Malformed, "continues after the report object" },
        { Report() + " []", RejectionKind.Malformed, "continues after the report object" },
        { Report("[null]"), RejectionKind.Malformed, "readings[0] must be a reading object, not null" },
        { Report($"[{Pm},42]"), RejectionKind.Malformed, "readings[1] must be a reading object, not a number" },
        { Report("{}"), RejectionKind.Malformed, "readings must be a array of readings, not an object" },
        { Report("null"), RejectionKind.MissingField, "readings is null" },
        { "[1,2,3]", RejectionKind.Malformed, "payload is an array" },
        { "\"report\"", RejectionKind.Malformed, "payload is a string" },
        { WithReading(""" "quality":"ok","sensor":"pms5003" """), RejectionKind.MissingField, "the required property 'value' is missing in readings[0]" },
        { Report("[" + string.Join(",", Enumerable.Repeat(Pm, WireFormat.MaxReadings + 1)) + "]"), RejectionKind.TooLarge, "256" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Hostile_payloads_are_refused_with_a_reason_naming_the_field(string json, RejectionKind kind, string reasonFragment)
    {
        var parsed = Parse(json);

        Assert.False(parsed.Ok, $"accepted: {json}");
        Assert.Equal(kind, parsed.Rejection.Kind);
        Assert.Contains(reasonFragment, parsed.Rejection.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string> Accepted => new()
    {
        Report(timestamp: "\"2020-01-01T00:00:00Z\""),
        Report(timestamp: "\"2026-11-23T07:00:00Z\"", windowSeconds: "3600"),
        Report(timestamp: "\"2026-11-23T07:59:00+00:00\""),
        Report(timestamp: "\"2026-11-23T08:04:00Z\"", windowSeconds: "60"),
        Report(sequence: "0"),
        Report(sequence: "9007199254740991"),
        Report(sequence: "1795000000000"),
        // Two sensors may measure one quantity (an SCD41 and a BME280 both give temperature).
        Report($$"""[{{Pm}},{"quantity":"pm2_5","value":14,"unit":"ug/m3","quality":"ok","sensor":"sds011@ttyUSB0"}]"""),
        Sensor("\"pms5003@ttyAMA0\""),
        Sensor("\"bme280@1:0x76\""),
        Sensor("\"ads1115-gas@1:0x48/no2_b43f.we\""),
        Sensor($"\"{new string('a', 64)}\""),
        Reason($"\"{new string('x', 200)}\""),
        Reason("\"传感器预热中 (warming up)\""),
        Reason("null"),
        // A mean written with three decimals may fall a rounding step outside its window's unrounded extremes.
        WithReading(""" "value":20.123,"quality":"ok","sensor":"pms5003","min":20.12345,"max":20.12345,"count":12 """),
        WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","min":35,"max":35,"count":1 """),
        WithReading(""" "value":null,"quality":"invalid","sensor":"pms5003","count":0,"reason":"no samples in the window" """),
        WithReading(""" "value":35,"quality":"invalid","sensor":"pms5003","reason":"calibration expired" """),
        WithReading(""" "value":35,"quality":"ok","sensor":"pms5003","min":null,"max":null,"count":null,"reason":null """),
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Payloads_on_the_edge_of_each_rule_are_accepted(string json)
    {
        var parsed = Parse(json);

        Assert.True(parsed.Ok, parsed.Rejection?.ToString());
    }

    [Fact]
    public void What_a_gateway_serializes_passes_every_rule()
    {
        var report = new Telemetry(1, "gw-0001", 1_795_000_000_000, Now.AddHours(-1), WireFormat.MaxWindowSeconds,
        [
            Reading.Of(Quantity.Pm2_5, 35.2, Quality.Ok, "pms5003@ttyAMA0", 30.1, 40.5, 720),
            Reading.Of(Quantity.Temperature, 21.4, Quality.Ok, "bme280@1:0x76", 20.9, 21.8, 720),
            Reading.Of(Quantity.Temperature, 21.6, Quality.Ok, "scd4x@1:0x62", 21.0, 22.1, 720),
            Reading.Of(Quantity.Co2, null, Quality.Invalid, "mhz19b@ttyS0", count: 0, reason: "warming up"),
        ]);

        var parsed = WireFormat.ParseTelemetry(WireFormat.Serialize(report), Now);

        Assert.True(parsed.Ok, parsed.Rejection?.ToString());
        Assert.Equal(report.Readings, parsed.Value.Readings);
    }

    [Fact]
    public void Text_that_is_not_text_is_refused_not_thrown()
    {
        var invalidUtf8 = Encoding.UTF8.GetBytes(Sensor("\"pms@@5003\"")).Select(b => b == (byte)'@' ? (byte)0xFF : b).ToArray();
        var loneSurrogate = Encoding.UTF8.GetBytes(Sensor("\"pms\\uD800\""));

        foreach (var bytes in new[] { invalidUtf8, loneSurrogate })
        {
            var parsed = WireFormat.ParseTelemetry(bytes, Now);
            Assert.Equal(RejectionKind.Malformed, parsed.Rejection!.Kind);
            Assert.Contains("readings[0].sensor is not valid text", parsed.Rejection.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\"pms\\u202E5003\"")]
    [InlineData("\"pms\\u001B[2J5003\"")]
    [InlineData("\"pms\\u20285003\"")]
    public void A_refusal_never_echoes_invisible_characters(string sensor)
    {
        var parsed = Parse(Sensor(sensor));

        Assert.Equal(RejectionKind.InvalidText, parsed.Rejection!.Kind);
        Assert.DoesNotContain(parsed.Rejection.Reason, c => char.IsControl(c) || char.GetUnicodeCategory(c) is
            System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator);
        Assert.Contains("\\u", parsed.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_hostile_device_id_is_cut_short_in_the_reason()
    {
        var parsed = Parse(Report().Replace("\"gw-1\"", $"\"{new string('X', 5000)}\\u0007\"", StringComparison.Ordinal));

        Assert.Equal(RejectionKind.MissingField, parsed.Rejection!.Kind);
        Assert.InRange(parsed.Rejection.Reason.Length, 20, 200);
        Assert.Contains("is not a valid device id", parsed.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_asking_for_windows_longer_than_an_hour_is_refused()
    {
        var parsed = WireFormat.ParseDeviceConfig(new ReadOnlySequence<byte>("""{"version":1,"reportIntervalSeconds":7200}"""u8.ToArray()));

        Assert.Equal(RejectionKind.OutOfRange, parsed.Rejection!.Kind);
        Assert.Contains("reportIntervalSeconds 7200 is outside 1..3600", parsed.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_elements_of_health_and_config_lists_are_refused_not_passed_on()
    {
        var health = WireFormat.ParseHealth(new ReadOnlySequence<byte>("""
            {"version":1,"deviceId":"gw-1","timestamp":"2026-11-23T08:00:00Z","uptimeSeconds":5,"outboxDepth":0,
             "oldestUnsentAgeSeconds":null,"thinnedReports":0,"droppedReports":0,"lastPublish":null,"sensors":[null]}
            """u8.ToArray()));
        var config = WireFormat.ParseDeviceConfig(new ReadOnlySequence<byte>("""{"version":1,"reportIntervalSeconds":60,"enabledSensors":["bme280",null]}"""u8.ToArray()));

        Assert.Contains("sensors[0] is null", health.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("enabledSensors[1] is null", config.Rejection!.Reason, StringComparison.Ordinal);
    }

    /// <summary>Every prefix of a valid report, and thousands of reports with bytes changed at random, are answered
    /// with a result: not one exception escapes the parser.</summary>
    [Fact]
    public void No_byte_sequence_makes_the_parser_throw()
    {
        var valid = WireFormat.Serialize(new Telemetry(1, "gw-0001", 42, Now.AddMinutes(-1), 60,
        [
            Reading.Of(Quantity.Pm2_5, 35.2, Quality.Ok, "pms5003@ttyAMA0", 30.1, 40.5, 30),
            Reading.Of(Quantity.Co2, null, Quality.Invalid, "scd4x@1:0x62", count: 0, reason: "sensor absent"),
        ]));
        byte[] alphabet = [.. "{}[]\",:0123456789.-+eE\\u nulltruefalsZT"u8, 0x00, 0xFF, 0xC3, 0xED];
        var random = new Random(20261123);
        var payloads = Enumerable.Range(0, valid.Length).Select(n => valid[..n]).ToList();
        for (var i = 0; i < 5000; i++)
        {
            var mutated = (byte[])valid.Clone();
            for (var edits = random.Next(1, 4); edits > 0; edits--) mutated[random.Next(mutated.Length)] = alphabet[random.Next(alphabet.Length)];
            payloads.Add(mutated);
        }

        foreach (var payload in payloads)
        {
            var parsed = WireFormat.ParseTelemetry(payload, Now);
            Assert.True(parsed.Ok || parsed.Rejection.Reason.Length > 0);
        }
    }
}
