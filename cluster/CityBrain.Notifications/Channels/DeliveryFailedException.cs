namespace CityBrain.Notifications.Channels;

/// <summary>The other side answered and refused: an HTTP error status, or a robot's non-zero <c>errcode</c>.</summary>
public sealed class DeliveryFailedException(string message) : Exception(message);
