using System.Text;
using System.Text.Json.Nodes;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;

namespace CityBrain.Simulators.Fleet.Faults;

/// <summary>The ways a gateway's payload goes wrong in the field, each of which the cluster must refuse with a reason:
/// cut off mid-transfer, garbage bytes, a wrong unit, an impossible value, a quantity nobody defined, a version from
/// the future, a report without readings.</summary>
public static class CorruptPayloads
{
    public enum Variant
    {
        Truncated,
        Garbage,
        WrongUnit,
        ImpossibleValue,
        UnknownQuantity,
        FutureVersion,
        NoReadings,
    }

    public static readonly IReadOnlyList<Variant> All = Enum.GetValues<Variant>();

    public static byte[] Make(Telemetry report, Variant variant)
    {
        var json = WireFormat.Serialize(report);
        switch (variant)
        {
            case Variant.Truncated:
                return json[..(json.Length / 2)];
            case Variant.Garbage:
                return Encoding.ASCII.GetBytes($"\u0002{report.DeviceId}\u00ff\u0000\u0013 checksum error").Select(b => (byte)(b ^ 0x5A)).ToArray();
        }
        var node = JsonNode.Parse(json)!.AsObject();
        var first = node["readings"]![0]!.AsObject();
        switch (variant)
        {
            case Variant.WrongUnit:
                first["unit"] = "furlongs";
                break;
            case Variant.ImpossibleValue:
                first["value"] = 1e9;
                break;
            case Variant.UnknownQuantity:
                first["quantity"] = "unobtainium";
                break;
            case Variant.FutureVersion:
                node["version"] = 99;
                break;
            case Variant.NoReadings:
                node["readings"] = new JsonArray();
                break;
        }
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
