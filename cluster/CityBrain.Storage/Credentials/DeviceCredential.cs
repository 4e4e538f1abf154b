namespace CityBrain.Storage.Credentials;

/// <summary>Who a connecting client is, once its password checked out.</summary>
/// <param name="District">The district the device was provisioned for; its topics must carry it.</param>
public sealed record DeviceCredential(string DeviceId, string District, DateTimeOffset CreatedAt);
