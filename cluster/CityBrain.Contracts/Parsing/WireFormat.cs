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

    /// <summary>How far a gateway clock may run ahead of the cluster before its reports are refused.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(5);

    private static ContractJsonContext Json => ContractJsonContext.Default;

    public static byte[] Serialize(Telemetry value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.Telemetry);

    public static byte[] Serialize(Status value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.Status);

    public static byte[] Serialize(Health value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.Health);

    public static byte[] Serialize(DeviceConfig value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.DeviceConfig);

    public static ParseResult<Telemetry> ParseTelemetry(
        ReadOnlySequence<byte> utf8, DateTimeOffset now, TimeSpan? maxFutureSkew = null)
    {
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
        return RequireVersionAndDevice(parsed.Value.Version, parsed.Value.DeviceId) ?? parsed;
    }

    public static ParseResult<DeviceConfig> ParseDeviceConfig(ReadOnlySequence<byte> utf8)
    {
        var parsed = Deserialize(utf8, Json.DeviceConfig);
        if (!parsed.Ok) return parsed;
        var config = parsed.Value;
        if (config.Version != Telemetry.CurrentVersion) return UnsupportedVersion(config.Version);
        if (config.ReportIntervalSeconds is < 1 or > 86_400)
        {
            return new Rejection(RejectionKind.OutOfRange, $"reportIntervalSeconds {config.ReportIntervalSeconds} is outside 1..86400");
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
        return Identifier.IsValid(deviceId) ? null : new Rejection(RejectionKind.MissingField, $"deviceId '{deviceId}' is not a valid device id");
    }

    private static ParseResult<Telemetry> Validate(Telemetry t, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (RequireVersionAndDevice(t.Version, t.DeviceId) is { } bad) return bad;
        if (t.Sequence < 0) return new Rejection(RejectionKind.OutOfRange, $"sequence {t.Sequence} is negative");
        if (t.Timestamp.Offset != TimeSpan.Zero)
        {
            return new Rejection(RejectionKind.NotUtc, $"timestamp {t.Timestamp:O} is not UTC (offset {t.Timestamp.Offset})");
        }
        if (t.Timestamp > now + maxFutureSkew)
        {
            return new Rejection(RejectionKind.FutureTimestamp,
                $"timestamp {t.Timestamp:O} is {(t.Timestamp - now).TotalSeconds:F0} s in the future (more than {maxFutureSkew.TotalSeconds:F0} s): the gateway clock is wrong");
        }
        if (t.WindowSeconds is < 1 or > 86_400)
        {
            return new Rejection(RejectionKind.OutOfRange, $"windowSeconds {t.WindowSeconds} is outside 1..86400");
        }
        if (t.Readings.Count == 0) return new Rejection(RejectionKind.MissingField, "readings is empty");
        if (t.Readings.Count > MaxReadings)
        {
            return new Rejection(RejectionKind.TooLarge, $"{t.Readings.Count} readings exceed the limit of {MaxReadings}");
        }
        for (var i = 0; i < t.Readings.Count; i++)
        {
            if (Validate(t.Readings[i]) is { } rejection)
            {
                return rejection with { Reason = $"readings[{i}] ({t.Readings[i].Quantity.WireName()}): {rejection.Reason}" };
            }
        }
        return t;
    }

    private static Rejection? Validate(Reading r)
    {
        var info = r.Quantity.Info();
        if (r.Unit != info.Unit)
        {
            return new Rejection(RejectionKind.WrongUnit, $"unit '{r.Unit}' is wrong; {info.WireName} is reported in '{info.Unit}'");
        }
        if (string.IsNullOrWhiteSpace(r.Sensor)) return new Rejection(RejectionKind.MissingField, "sensor is empty");
        if (r.Value is null && r.Quality != Quality.Invalid)
        {
            return new Rejection(RejectionKind.MissingField, $"value is missing but quality is '{r.Quality.ToString().ToLowerInvariant()}'");
        }
        foreach (var (name, v) in new[] { ("value", r.Value), ("min", r.Min), ("max", r.Max) })
        {
            if (v is not { } x) continue;
            if (!double.IsFinite(x)) return new Rejection(RejectionKind.NonFiniteValue, $"{name} is not a finite number");
            if (x < info.Min || x > info.Max)
            {
                return new Rejection(RejectionKind.OutOfRange, $"{name} {x} {info.Unit} is outside the possible range {info.Min}..{info.Max}");
            }
        }
        if (r.Min > r.Max) return new Rejection(RejectionKind.OutOfRange, $"min {r.Min} is above max {r.Max}");
        if (r.Count is < 0) return new Rejection(RejectionKind.OutOfRange, $"count {r.Count} is negative");
        return null;
    }
}
