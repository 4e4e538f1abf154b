using CityBrain.Edge.Sensors.Abstractions;

namespace CityBrain.Edge.Sensors.Probe;

/// <summary>A supported chip that answered at a place: an I2C bus and address, or a serial port.</summary>
/// <param name="Types">The sensor types a configuration can give it: more than one where one chip serves several
/// front ends (an ADS1115 reads a sound-level meter or gas cells alike).</param>
/// <param name="Model">The chip as it identified itself, or the chip family when several types share it.</param>
public sealed record ProbeFinding(string Where, int? Bus, int? Address, string? Port, IReadOnlyList<string> Types, string Model, SensorIdentity Identity);
