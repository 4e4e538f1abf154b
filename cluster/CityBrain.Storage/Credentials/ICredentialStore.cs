namespace CityBrain.Storage.Credentials;

/// <summary>Provisioned device passwords. Implementations keep only salted hashes (<see cref="PasswordHashing"/>), so a
/// leaked store does not leak passwords.</summary>
public interface ICredentialStore
{
    /// <summary>Creates or replaces the device's password; returns the new password, which is shown once and never stored.</summary>
    Task<string> ProvisionAsync(string deviceId, string district, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The device's credential when <paramref name="password"/> is right; null for an unknown device or a wrong password.</summary>
    Task<DeviceCredential?> VerifyAsync(string deviceId, string? password, CancellationToken cancellationToken = default);

    /// <summary>What is stored for the device, without checking a password: lets the broker recognise a password it
    /// verified recently by the stored hash it verified against, so a rotation on any node or by the CLI invalidates it.</summary>
    Task<StoredCredential?> FindAsync(string deviceId, CancellationToken cancellationToken = default);
}

/// <summary>A device's credential with the salted hash its password is checked against.</summary>
public sealed record StoredCredential(DeviceCredential Credential, StoredPassword Password);
