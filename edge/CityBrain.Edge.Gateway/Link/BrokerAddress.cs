using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CityBrain.Edge.Link;

/// <summary>One MQTT broker a gateway can connect to: a cluster node's own broker, or a TCP proxy in front of all of them.</summary>
public sealed record BrokerAddress(string Host, int Port)
{
    public const int MqttPort = 1883;

    /// <summary>Reads <c>host:port</c>, or <c>[address]:port</c> for an IPv6 address; with <paramref name="defaultPort"/>
    /// the port may be left out. <paramref name="problem"/> says what is wrong otherwise, in words that follow the text.</summary>
    public static bool TryParse(string? text, int? defaultPort, [NotNullWhen(true)] out BrokerAddress? address, [NotNullWhen(false)] out string? problem)
    {
        address = null;
        text = text?.Trim() ?? "";
        problem = Problem(text, defaultPort, out var host, out var port);
        if (problem is not null) return false;
        address = new BrokerAddress(host, port);
        return true;
    }

    /// <summary>IPv6 addresses in brackets, as in a URL, so that their colons are not taken for the port's.</summary>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    private static string? Problem(string text, int? defaultPort, out string host, out int port)
    {
        (host, port) = ("", 0);
        if (text.Length == 0) return "it is empty";
        if (text.Contains("://", StringComparison.Ordinal)) return "give host:port without a scheme such as mqtt://";
        var problem = Split(text, out host, out var portText) ?? PortProblem(portText, defaultPort, out port);
        if (problem is not null) return problem;
        return host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@') ? $"'{host}' is not a host name or address" : null;
    }

    private static string? Split(string text, out string host, out string? port)
    {
        (host, port) = (text, null);
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':')) return "an IPv6 address goes in brackets followed by :port, e.g. [fd00::5]:1883";
            (host, port) = (text[1..close], close + 1 < text.Length ? text[(close + 2)..] : null);
            return null;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        if (text.IndexOf(':', colon + 1) >= 0) return "an IPv6 address goes in brackets, e.g. [fd00::5]:1883";
        (host, port) = (text[..colon], text[(colon + 1)..]);
        return null;
    }

    private static string? PortProblem(string? text, int? defaultPort, out int port)
    {
        port = defaultPort ?? 0;
        if (text is null) return defaultPort is null ? "the port is missing (host:port, e.g. 10.0.0.5:1883)" : null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536
            ? null
            : $"port '{text}' is not a TCP port (1-65535; MQTT is usually {MqttPort})";
    }
}
