namespace CityBrain.Storage.Credentials;

/// <summary>Provisioned device passwords. Implementations keep only salted hashes (<see cref="PasswordHashing"/>), so a
/// leaked store does not leak passwords.</summary>
/// <remarks>Every write (add, rotate, revoke) gives the device's row the next change number of the store, in commit
/// order, so each node can learn of changes made anywhere by asking for the changes after the last one it saw.</remarks>
public interface ICredentialStore
{
    /// <summary>Creates or replaces the device's password; returns the new password, which is shown once and never stored.</summary>
    Task<string> ProvisionAsync(string deviceId, string district, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>A new password for a device that has a credential, returned once; null when it has none (never
    /// provisioned, or revoked).</summary>
    Task<string?> RotateAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes the device's password (its hash is erased; the row stays, marked revoked, so every node learns
    /// of it through <see cref="ChangesSinceAsync"/>). False when it had no credential.</summary>
    Task<bool> RevokeAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every device the store knows, revoked ones included, by device id; only those of
    /// <paramref name="district"/> when given.</summary>
    Task<IReadOnlyList<CredentialSummary>> ListAsync(string? district, CancellationToken cancellationToken = default);

    /// <summary>The devices whose credential changed after change number <paramref name="after"/>, oldest first, each
    /// once with its latest change.</summary>
    Task<IReadOnlyList<CredentialChange>> ChangesSinceAsync(long after, CancellationToken cancellationToken = default);

    /// <summary>The store's latest change number (0 when nothing was ever written): where a node starts following.</summary>
    Task<long> LatestChangeAsync(CancellationToken cancellationToken = default);

    /// <summary>The device's credential when <paramref name="password"/> is right; null for an unknown or revoked device
    /// or a wrong password.</summary>
    Task<DeviceCredential?> VerifyAsync(string deviceId, string? password, CancellationToken cancellationToken = default);

    /// <summary>What is stored for the device, without checking a password; null for an unknown or revoked device. Lets
    /// the broker recognise a password it verified recently by the stored hash it verified against, so a rotation on
    /// any node or by the CLI invalidates it.</summary>
    Task<StoredCredential?> FindAsync(string deviceId, CancellationToken cancellationToken = default);
}

/// <summary>A device's credential with the salted hash its password is checked against.</summary>
public sealed record StoredCredential(DeviceCredential Credential, StoredPassword Password)
{
    /// <summary>The store's change number of this credential: a session authenticated against an older one was
    /// authenticated with a password that has since been rotated or revoked.</summary>
    public long Change { get; init; }
}

/// <summary>What an operator sees of a device's credential: never the password or its hash.</summary>
public sealed record CredentialSummary(
    string DeviceId, string District, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt);

/// <summary>A device whose credential was added, rotated or revoked, and the change number that did it.</summary>
public sealed record CredentialChange(long Change, string DeviceId);
