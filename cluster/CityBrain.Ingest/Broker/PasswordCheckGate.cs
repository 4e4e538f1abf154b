using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Broker;

/// <summary>Runs full password checks a few at a time, so that however many logins arrive at once, the cores they may
/// take are bounded and the rest keep serving connected gateways. Logins wait their turn asynchronously, holding no
/// thread; beyond <see cref="PasswordCheckOptions.MaxWaiting"/> they are turned away unchecked.</summary>
public sealed class PasswordCheckGate(IOptions<PasswordCheckOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.Concurrency, options.Value.Concurrency);
    private int _waiting;

    /// <summary>The check's answer, or null when too many logins are waiting already and it was not run.</summary>
    public async Task<bool?> CheckAsync(Func<bool> check, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > options.Value.MaxWaiting + options.Value.Concurrency)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _waiting);
            throw;
        }
        try
        {
            return check();
        }
        finally
        {
            _slots.Release();
            Interlocked.Decrement(ref _waiting);
        }
    }
}
