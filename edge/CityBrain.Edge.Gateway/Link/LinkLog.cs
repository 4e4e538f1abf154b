using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Link;

/// <summary>What the link says in the gateway's log.</summary>
internal static partial class LinkLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to broker {Broker} as {DeviceId} (session {Session})")]
    public static partial void Connected(ILogger logger, BrokerAddress broker, string deviceId, string session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed over to broker {Broker} (from {Previous}); {Failovers} failovers since start")]
    public static partial void FailedOver(ILogger logger, BrokerAddress broker, BrokerAddress previous, long failovers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to broker {Broker}; trying {Next} in {Wait}")]
    public static partial void Lost(ILogger logger, BrokerAddress broker, BrokerAddress next, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {Broker} unreachable ({Error}); trying the brokers in turn, with backoff after each round")]
    public static partial void Unreachable(ILogger logger, BrokerAddress broker, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Broker {Broker} refused {DeviceId}: {ResultCode} {Reason}; check the device id and password from provisioning")]
    public static partial void Refused(ILogger logger, BrokerAddress broker, string deviceId, MQTTnet.MqttClientConnectResultCode resultCode, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker {Broker} handed the session of {DeviceId} to another connection with its id; reconnecting in {Wait}")]
    public static partial void TakenOver(ILogger logger, BrokerAddress broker, string deviceId, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Conflict}; reconnecting in {Wait}")]
    public static partial void Conflict(ILogger logger, string conflict, TimeSpan wait);
}
