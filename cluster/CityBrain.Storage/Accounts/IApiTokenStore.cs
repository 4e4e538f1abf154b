namespace CityBrain.Storage.Accounts;

/// <summary>API tokens by the hash of their secret. Revoked tokens stay listed, so the audit log's names keep a meaning.</summary>
public interface IApiTokenStore
{
    Task AddAsync(ApiToken token, byte[] secretHash, CancellationToken cancellationToken = default);

    Task<ApiToken?> FindAsync(byte[] secretHash, CancellationToken cancellationToken = default);

    /// <summary>Every token, newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>False for an unknown id; revoking a revoked token keeps its first revocation time.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
