namespace CityBrain.Storage.Bulletins;

/// <summary>Which bulletin: a place, a period kind (<c>day</c>, <c>month</c>, <c>year</c>), the period's first day and a
/// language (<c>zh</c>, <c>en</c>). One archived bulletin per key.</summary>
public sealed record BulletinKey(string RegionId, string Kind, DateOnly PeriodStart, string Language);

/// <summary>A generated bulletin as archived: its model as JSON and its PDF.</summary>
public sealed record ArchivedBulletin(BulletinKey Key, DateTimeOffset GeneratedAt, string ModelJson, byte[] Pdf);

/// <summary>An archived bulletin's listing entry, without its content.</summary>
public sealed record BulletinEntry(BulletinKey Key, DateTimeOffset GeneratedAt, int PdfBytes);

/// <param name="Total">Entries of the place and kind in all, for paging.</param>
public sealed record BulletinPage(IReadOnlyList<BulletinEntry> Entries, int Total);

/// <summary>The archive of generated bulletins. Adding is idempotent per key: the first bulletin archived under a key
/// stays, so a generator that runs twice (a restart, two nodes) archives each bulletin once.</summary>
public interface IBulletinArchive
{
    Task<bool> ContainsAsync(BulletinKey key, CancellationToken cancellationToken = default);

    /// <summary>Archives <paramref name="bulletin"/> unless its key is archived already; true when it was added.</summary>
    Task<bool> AddAsync(ArchivedBulletin bulletin, CancellationToken cancellationToken = default);

    Task<ArchivedBulletin?> GetAsync(BulletinKey key, CancellationToken cancellationToken = default);

    /// <summary>A place's bulletins of one kind, newest period first, then by language; <paramref name="skip"/> and
    /// <paramref name="take"/> page through them.</summary>
    Task<BulletinPage> ListAsync(string regionId, string kind, int skip, int take, CancellationToken cancellationToken = default);
}
