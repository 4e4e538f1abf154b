using CityBrain.Supervision.Cases;

namespace CityBrain.Supervision.Store;

/// <summary>Cases and their trails. One writer (the supervision desk) saves; the API reads.</summary>
public interface ICaseStore
{
    /// <summary>Saves the case and appends <paramref name="steps"/> to its trail in one transaction. A case with id 0 is
    /// new: it gets its id here, and so do the steps.</summary>
    Task<SupervisionCase> SaveAsync(SupervisionCase supervisionCase, IReadOnlyList<CaseEvent> steps, CancellationToken cancellationToken = default);

    Task<SupervisionCase?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The case's steps, oldest first.</summary>
    Task<IReadOnlyList<CaseEvent>> TrailAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Cases open now or closed at or after <paramref name="since"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SupervisionCase>> ActiveSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default);
}
