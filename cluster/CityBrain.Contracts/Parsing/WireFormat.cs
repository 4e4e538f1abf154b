using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Parsing;

/// <summary>Reads and writes the payloads of wire contract version 1. Reading is strict: anything the cluster cannot
/// trust completely is refused with a reason, never half-accepted.</summary>
public static class WireFormat
{
    public const int MaxPayloadBytes = 64 * 1024;
    public const int MaxReadings = 256;

    /// <summary>The longest report window: a report summarises at most one hour, so that no window spans more than
    /// one of the cluster's hours twice over and no latest value stands for longer than an hour.</summary>
    public const int MaxWindowSeconds = 3600;

    /// <summary>The largest sequence number, 2^53 − 1: the largest integer every JSON reader (JavaScript's included)
    /// keeps exact. Gateways start from the Unix time in milliseconds (~1.8e12), far below.</summary>
    public const long MaxSequence = 9_007_199_254_740_991;

    /// <summary>Longest sensor name; a name uses only <see cref="SensorCharacters"/>.</summary>
    public const int MaxSensorLength = 64;

    /// <summary>The characters of a sensor name besides ASCII letters and digits (<c>pms5003@ttyAMA0</c>, <c>bme280@1:0x76</c>).</summary>
    public const string SensorCharacters = "@._:/-";

    /// <summary>Longest reason text of a reading.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>How far a value may lie outside its own window's min..max: the rounding of a mean written with three
    /// decimals (the edge rounds its means, not its extremes).</summary>
    public const double MinMaxTolerance = 0.001;

    /// <summary>No report window starts before this: a gateway whose clock says otherwise never had its clock set.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far a gateway clock may run ahead of the cluster before its reports are refused.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(5);

    private static ContractJsonContext Json => ContractJsonContext.Default;

    public static byte[] Serialize(Telemetry value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.Telemetry);

    public static byte[] Serialize(Status value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.Status);

    public static byte[] Serialize(Health value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.Health);

    public static byte[] Serialize(DeviceConfig value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.DeviceConfig);

    /// <summary>A telemetry report, or the reason it is refused. Never throws on any input.</summary>
    /// <param name="now">The cluster's time: no report window may end more than <paramref name="maxFutureSkew"/> after it.</param>
    public static ParseResult<Telemetry> ParseTelemetry(
        ReadOnlySequence<byte> utf8, DateTimeOffset now, TimeSpan? maxFutureSkew = null)
    {
        if (utf8.Length > MaxPayloadBytes)
        {
            return new Rejection(RejectionKind.TooLarge, $"payload of {utf8.Length} bytes exceeds the limit of {MaxPayloadBytes}");
        }
        // Another version has another shape: the serializer and the version check below say so in their own words.
        if (TryPeekVersion(utf8) is not { } version || version == Telemetry.CurrentVersion)
        {
            if (TelemetryShape.Check(utf8) is { } misshapen) return misshapen;
        }
        var parsed = Deserialize(utf8, Json.Telemetry);
        return parsed.Ok ? Validate(parsed.Value, now, maxFutureSkew ?? DefaultMaxFutureSkew) : parsed;
    }

    public static ParseResult<Telemetry> ParseTelemetry(ReadOnlySpan<byte> utf8, DateTimeOffset now, TimeSpan? maxFutureSkew = null) =>
        ParseTelemetry(new ReadOnlySequence<byte>(utf8.ToArray()), now, maxFutureSkew);

    /// <summary>A telemetry payload that also belongs to the topic it came on: a device reports only as itself.</summary>
    public static ParseResult<Telemetry> ParseTelemetry(
        TopicAddress topic, ReadOnlySequence<byte> utf8, DateTimeOffset now, TimeSpan? maxFutureSkew = null)
    {
        var result = ParseTelemetry(utf8, now, maxFutureSkew);
        if (result.Ok && result.Value.DeviceId != topic.Device)
        {
            return new Rejection(RejectionKind.TopicMismatch,
                $"payload deviceId '{result.Value.DeviceId}' does not match topic device '{topic.Device}'");
        }
        return result;
    }

    public static ParseResult<Status> ParseStatus(ReadOnlySequence<byte> utf8)
    {
        var parsed = Deserialize(utf8, Json.Status);
        if (!parsed.Ok) return parsed;
        return RequireVersionAndDevice(parsed.Value.Version, parsed.Value.DeviceId) ?? parsed;
    }

    public static ParseResult<Health> ParseHealth(ReadOnlySequence<byte> utf8)
    {
        var parsed = Deserialize(utf8, Json.Health);
        if (!parsed.Ok) return parsed;
        if (RequireVersionAndDevice(parsed.Value.Version, parsed.Value.DeviceId) is { } bad) return bad;
        // The serializer lets null elements of a list through; whoever reads the sensors next would throw.
        var nullAt = parsed.Value.Sensors.ToList().IndexOf(null!);
        return nullAt < 0 ? parsed : new Rejection(RejectionKind.Malformed, $"sensors[{nullAt}] is null; every sensor is an object");
    }

    public static ParseResult<DeviceConfig> ParseDeviceConfig(ReadOnlySequence<byte> utf8)
    {
        var parsed = Deserialize(utf8, Json.DeviceConfig);
        if (!parsed.Ok) return parsed;
        var config = parsed.Value;
        if (config.Version != Telemetry.CurrentVersion) return UnsupportedVersion(config.Version);
        if (config.EnabledSensors?.ToList().IndexOf(null!) is >= 0 and var nullAt)
        {
            return new Rejection(RejectionKind.Malformed, $"enabledSensors[{nullAt}] is null; list sensor names");
        }
        if (config.ReportIntervalSeconds is < 1 or > MaxWindowSeconds)
        {
            // The report interval is the window length: a longer one would have every report refused.
            return new Rejection(RejectionKind.OutOfRange,
                $"reportIntervalSeconds {config.ReportIntervalSeconds} is outside 1..{MaxWindowSeconds}: a report summarises at most one hour");
        }
        if (config.SampleIntervalSeconds is < 1 or > 86_400)
        {
            return new Rejection(RejectionKind.OutOfRange, $"sampleIntervalSeconds {config.SampleIntervalSeconds} is outside 1..86400");
        }
        if (config.SensorSampleIntervals?.FirstOrDefault(kv => kv.Value is < 1 or > 86_400) is { Key: not null } bad)
        {
            return new Rejection(RejectionKind.OutOfRange, $"sample interval {bad.Value} s of sensor '{bad.Key}' is outside 1..86400");
        }
        return config;
    }

    private static ParseResult<T> Deserialize<T>(ReadOnlySequence<byte> utf8, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (utf8.Length > MaxPayloadBytes)
        {
            return new Rejection(RejectionKind.TooLarge, $"payload of {utf8.Length} bytes exceeds the limit of {MaxPayloadBytes}");
        }
        try
        {
            var reader = new Utf8JsonReader(utf8);
            var value = JsonSerializer.Deserialize(ref reader, typeInfo);
            return value is null ? new Rejection(RejectionKind.Malformed, "payload is JSON null") : value;
        }
        catch (JsonException ex)
        {
            return Classify(ex, utf8);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
        {
            // Text the reader cannot decode, or a value its converter cannot take: bad input, never a crash.
            return new Rejection(RejectionKind.Malformed, $"payload cannot be read: {ex.Message}");
        }
    }

    private static Rejection Classify(JsonException ex, ReadOnlySequence<byte> utf8)
    {
        if (IsStructurallyInvalid(utf8)) return new Rejection(RejectionKind.NotJson, $"payload is not valid JSON: {ex.Message}");
        // A newer gateway may change the shape; saying "unsupported version" helps more than naming the first odd field.
        if (TryPeekVersion(utf8) is { } version && version != Telemetry.CurrentVersion) return UnsupportedVersion(version);
        var message = ex.Message;
        var kind = message switch
        {
            _ when message.StartsWith("unknown quantity", StringComparison.Ordinal) => RejectionKind.UnknownQuantity,
            _ when message.Contains("missing required properties", StringComparison.Ordinal)
                || message.Contains("doesn't allow null", StringComparison.Ordinal)
                || message.Contains("null value", StringComparison.Ordinal) => RejectionKind.MissingField,
            _ => RejectionKind.Malformed,
        };
        return new Rejection(kind, message);
    }

    private static bool IsStructurallyInvalid(ReadOnlySequence<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            while (reader.Read())
            {
            }
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static int? TryPeekVersion(ReadOnlySequence<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("version"u8);
                reader.Read();
                if (isVersion) return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static Rejection UnsupportedVersion(int version) =>
        new(RejectionKind.UnsupportedVersion, $"unsupported payload version {version}; this cluster reads version {Telemetry.CurrentVersion}");

    private static Rejection? RequireVersionAndDevice(int version, string deviceId)
    {
        if (version != Telemetry.CurrentVersion) return UnsupportedVersion(version);
        return Identifier.IsValid(deviceId)
            ? null
            : new Rejection(RejectionKind.MissingField,
                $"deviceId '{TelemetryShape.Show(deviceId ?? "")}' is not a valid device id (1-{Identifier.MaxLength} of a-z 0-9 - _)");
    }

    private static ParseResult<Telemetry> Validate(Telemetry t, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (RequireVersionAndDevice(t.Version, t.DeviceId) is { } bad) return bad;
        if (t.Sequence is < 0 or > MaxSequence)
        {
            return new Rejection(RejectionKind.OutOfRange, t.Sequence < 0
                ? $"sequence {t.Sequence} is negative; allowed is 0..{MaxSequence}"
                : $"sequence {t.Sequence} is outside 0..{MaxSequence} (2^53 - 1, the largest integer every JSON reader keeps exact)");
        }
        if (Validate(t.Timestamp, t.WindowSeconds, now, maxFutureSkew) is { } badTime) return badTime;
        if (t.Readings is null || t.Readings.Count == 0) return new Rejection(RejectionKind.MissingField, "readings is empty");
        if (t.Readings.Count > MaxReadings)
        {
            return new Rejection(RejectionKind.TooLarge, $"{t.Readings.Count} readings exceed the limit of {MaxReadings}");
        }
        var first = new Dictionary<(Quantity, string), int>();
        for (var i = 0; i < t.Readings.Count; i++)
        {
            var reading = t.Readings[i];
            if (reading is null) return new Rejection(RejectionKind.Malformed, $"readings[{i}] is null; every reading is an object");
            if (Validate(reading) is { } rejection)
            {
                return rejection with { Reason = $"readings[{i}] ({reading.Quantity.WireName()}): {rejection.Reason}" };
            }
            // Two sensors may measure one quantity (an SCD41 and a BME280 both give temperature); one sensor gives one
            // reading of a quantity per window, so a second is a gateway bug that would count the window twice.
            if (!first.TryAdd((reading.Quantity, reading.Sensor), i))
            {
                return new Rejection(RejectionKind.DuplicateReading,
                    $"quantity {reading.Quantity.WireName()} from sensor '{reading.Sensor}' appears in readings[{first[(reading.Quantity, reading.Sensor)]}] and readings[{i}]; a report carries one reading per quantity and sensor");
            }
        }
        return t;
    }

    private static Rejection? Validate(DateTimeOffset timestamp, int windowSeconds, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (timestamp.Offset != TimeSpan.Zero)
        {
            return new Rejection(RejectionKind.NotUtc, $"timestamp {timestamp:O} is not UTC (offset {timestamp.Offset})");
        }
        if (timestamp < EarliestTimestamp)
        {
            return new Rejection(RejectionKind.ClockNotSet,
                $"timestamp {timestamp:yyyy-MM-ddTHH:mm:ssZ} is before {EarliestTimestamp:yyyy-MM-ddTHH:mm:ssZ}: the gateway's clock is not set (a board without a real-time clock counts from 1970 until NTP answers); stamp reports only once the clock is synchronised");
        }
        // Differences, not sums: a timestamp near year 9999 plus a window would not be a representable time.
        var ahead = timestamp - now;
        if (ahead > maxFutureSkew)
        {
            return new Rejection(RejectionKind.FutureTimestamp,
                $"timestamp {timestamp:O} is {ahead.TotalSeconds:F0} s in the future (more than {maxFutureSkew.TotalSeconds:F0} s): the gateway clock is wrong");
        }
        if (windowSeconds is < 1 or > MaxWindowSeconds)
        {
            return new Rejection(RejectionKind.OutOfRange,
                $"windowSeconds {windowSeconds} is outside 1..{MaxWindowSeconds}: a report summarises at most one hour");
        }
        var endAhead = ahead + TimeSpan.FromSeconds(windowSeconds);
        if (endAhead > maxFutureSkew)
        {
            return new Rejection(RejectionKind.FutureTimestamp,
                $"timestamp {timestamp:O} + windowSeconds {windowSeconds} ends {endAhead.TotalSeconds:F0} s in the future (at most {maxFutureSkew.TotalSeconds:F0} s allowed): a window must not reach into the future; the gateway clock is wrong or the window was closed early");
        }
        return null;
    }

    private static Rejection? Validate(Reading r)
    {
        var info = r.Quantity.Info();
        if (r.Unit != info.Unit)
        {
            return new Rejection(RejectionKind.WrongUnit, $"unit '{TelemetryShape.Show(r.Unit ?? "")}' is wrong; {info.WireName} is reported in '{info.Unit}'");
        }
        if (ValidateSensor(r.Sensor) is { } badSensor) return badSensor;
        if (r.Reason is { } reason && ValidateReason(reason) is { } badReason) return badReason;
        if (r.Value is null && r.Quality != Quality.Invalid)
        {
            return new Rejection(RejectionKind.MissingField, $"value is missing but quality is '{r.Quality.ToString().ToLowerInvariant()}'");
        }
        if (!Enum.IsDefined(r.Quality)) return new Rejection(RejectionKind.Malformed, $"quality {(int)r.Quality} is not ok, suspect or invalid");
        foreach (var (name, v) in new[] { ("value", r.Value), ("min", r.Min), ("max", r.Max) })
        {
            if (v is not { } x) continue;
            if (!double.IsFinite(x)) return new Rejection(RejectionKind.NonFiniteValue, $"{name} is not a finite number");
            if (x < info.Min || x > info.Max)
            {
                return new Rejection(RejectionKind.OutOfRange, $"{name} {x} {info.Unit} is outside the possible range {info.Min}..{info.Max}");
            }
        }
        if (r.Count is < 0) return new Rejection(RejectionKind.OutOfRange, $"count {r.Count} is negative");
        return Consistency(r);
    }

    /// <summary>The fields of one reading must tell one story: an indicator built on a value trusts its min, max and
    /// count to describe the same samples.</summary>
    private static Rejection? Consistency(Reading r)
    {
        if (r.Value is not { } value)
        {
            if (r.Min is not null || r.Max is not null)
            {
                return new Rejection(RejectionKind.Inconsistent,
                    $"{(r.Min is not null ? "min" : "max")} is given but value is null: a reading without a value has no samples to take a min or max of");
            }
            if (r.Count is > 0)
            {
                return new Rejection(RejectionKind.Inconsistent,
                    $"count {r.Count} but value is null: a reading without a value averages no samples (write count 0 or leave it out)");
            }
            return null;
        }
        if (r.Quality == Quality.Invalid && (r.Min is not null || r.Max is not null))
        {
            return new Rejection(RejectionKind.Inconsistent,
                $"{(r.Min is not null ? "min" : "max")} is given on an invalid reading: its samples are unusable, so they have no min or max");
        }
        if (r.Count == 0)
        {
            return new Rejection(RejectionKind.Inconsistent, $"count 0 but value {value}: a value averages at least one sample");
        }
        if (r.Min > r.Max) return new Rejection(RejectionKind.Inconsistent, $"min {r.Min} is above max {r.Max}");
        if (r.Min is { } min && value < min - MinMaxTolerance)
        {
            return new Rejection(RejectionKind.Inconsistent,
                $"value {value} is below min {min} of the same window: a mean lies within its window's min..max (tolerance {MinMaxTolerance})");
        }
        if (r.Max is { } max && value > max + MinMaxTolerance)
        {
            return new Rejection(RejectionKind.Inconsistent,
                $"value {value} is above max {max} of the same window: a mean lies within its window's min..max (tolerance {MinMaxTolerance})");
        }
        return null;
    }

    private static Rejection? ValidateSensor(string? sensor)
    {
        if (string.IsNullOrEmpty(sensor)) return new Rejection(RejectionKind.MissingField, "sensor is empty");
        if (sensor.Length > MaxSensorLength)
        {
            return new Rejection(RejectionKind.InvalidText,
                $"sensor '{TelemetryShape.Show(sensor)}' is {sensor.Length} characters long; at most {MaxSensorLength} are allowed");
        }
        foreach (var c in sensor)
        {
            if (char.IsAsciiLetterOrDigit(c) || SensorCharacters.Contains(c, StringComparison.Ordinal)) continue;
            return new Rejection(RejectionKind.InvalidText,
                $"sensor '{TelemetryShape.Show(sensor)}' contains {CodePoint(c)}, which is not allowed; a sensor name uses only A-Z a-z 0-9 {string.Join(" ", SensorCharacters.ToCharArray())}");
        }
        return null;
    }

    /// <summary>A reason as the contract takes it: one line of plain text, cut to <see cref="MaxReasonLength"/>. Senders
    /// pass exception messages, which may name long device paths or span lines.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? FitReason(string? text)
    {
        if (text is null) return null;
        var line = new string([.. text.Select(c => TelemetryShape.IsHidden(c) ? ' ' : c)]).Trim();
        return line.Length <= MaxReasonLength ? line : string.Concat(line.AsSpan(0, MaxReasonLength - 1), "…");
    }

    private static Rejection? ValidateReason(string reason)
    {
        if (reason.Length > MaxReasonLength)
        {
            return new Rejection(RejectionKind.InvalidText, $"reason is {reason.Length} characters long; at most {MaxReasonLength} are allowed");
        }
        foreach (var c in reason)
        {
            // Control and format characters (bidirectional overrides, zero-width marks) and line breaks would let a
            // reason rewrite a log line or hide text in the cockpit.
            if (TelemetryShape.IsHidden(c))
            {
                return new Rejection(RejectionKind.InvalidText,
                    $"reason '{TelemetryShape.Show(reason)}' contains {CodePoint(c)}, a control, format or line-break character; a reason is one line of plain text");
            }
        }
        return null;
    }

    private static string CodePoint(char c) =>
        TelemetryShape.IsHidden(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"U+{(int)c:X4} ('{c}')";
}
