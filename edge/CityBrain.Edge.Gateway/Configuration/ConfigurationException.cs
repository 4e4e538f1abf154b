namespace CityBrain.Edge.Configuration;

/// <summary>A configuration the gateway cannot run with; the message is one sentence a technician can act on.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
