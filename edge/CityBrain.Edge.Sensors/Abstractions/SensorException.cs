namespace CityBrain.Edge.Sensors.Abstractions;

/// <summary>Base of every driver failure. <see cref="Sensor"/> names the sensor so a log line stands on its own.</summary>
public abstract class SensorException(string sensor, string message, Exception? inner = null)
    : Exception($"{sensor}: {message}", inner)
{
    public string Sensor { get; } = sensor;
}

/// <summary>Nothing answers at the address or port (not wired, wrong bus, unplugged).</summary>
public sealed class SensorAbsentException(string sensor, string message, Exception? inner = null) : SensorException(sensor, message, inner);

/// <summary>The chip refused a transfer (I2C NACK), e.g. a read before the measurement was ready.</summary>
public sealed class SensorNackException(string sensor, string message, Exception? inner = null) : SensorException(sensor, message, inner);

/// <summary>Data arrived but its CRC or checksum is wrong: never use the value.</summary>
public sealed class SensorChecksumException(string sensor, string message) : SensorException(sensor, message);

/// <summary>The chip did not finish or answer within its datasheet time plus margin.</summary>
public sealed class SensorTimeoutException(string sensor, string message) : SensorException(sensor, message);

/// <summary>The chip answered with a value it cannot physically produce.</summary>
public sealed class SensorRangeException(string sensor, string message) : SensorException(sensor, message);

/// <summary>The chip answered but is not the expected one (wrong chip id).</summary>
public sealed class SensorIdentityException(string sensor, string message) : SensorException(sensor, message);

/// <summary>The chip reports a fault of its own (e.g. a failed self-test): its values cannot be trusted until it is
/// serviced or replaced.</summary>
public sealed class SensorFaultException(string sensor, string message) : SensorException(sensor, message);
