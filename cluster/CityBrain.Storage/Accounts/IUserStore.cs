namespace CityBrain.Storage.Accounts;

/// <summary>The people who may sign in. Passwords are kept only as salted hashes
/// (<see cref="Credentials.PasswordHashing"/>).</summary>
public interface IUserStore
{
    Task<bool> AnyAsync(CancellationToken cancellationToken = default);

    Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every user, by name.</summary>
    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>False when a user of that name exists already: nodes starting together may each try to create the
    /// first administrator, and only one may succeed.</summary>
    Task<bool> AddAsync(UserAccount user, CancellationToken cancellationToken = default);

    /// <summary>Replaces everything but the name and creation time; false for an unknown user.</summary>
    Task<bool> UpdateAsync(UserAccount user, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
