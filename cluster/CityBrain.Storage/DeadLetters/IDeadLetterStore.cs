namespace CityBrain.Storage.DeadLetters;

/// <summary>Refused messages, kept with their reason so an operator can see what a gateway got wrong. Bounded to the
/// newest <see cref="Capacity"/> and each payload to <see cref="MaxStoredPayload"/> bytes, so a misbehaving gateway
/// cannot fill the disk with its mistakes.</summary>
public interface IDeadLetterStore
{
    const int Capacity = 10_000;
    const int MaxStoredPayload = 4_096;

    Task AddAsync(DeadLetter letter, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="count"/> letters, newest first.</summary>
    Task<IReadOnlyList<DeadLetter>> LatestAsync(int count, CancellationToken cancellationToken = default);
}
