namespace CityBrain.Bulletins.Model;

/// <summary>Where a bulletin's "cases" section comes from: the supervision cases of a place (and the places below it)
/// over a span of time. The host counts them from its case store (CityBrain.Host.Supervision.CaseCounts); a composer
/// without a source shows the section as not available.</summary>
public interface IBulletinCaseSource
{
    /// <summary>The cases of <paramref name="regionId"/> and every place below it for [<paramref name="from"/>,
    /// <paramref name="to"/>).</summary>
    Task<CaseFigures> CountAsync(string regionId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <param name="Opened">Cases opened (raised) within the span.</param>
/// <param name="Closed">Cases closed within the span.</param>
/// <param name="OpenAtEnd">Cases open at the end of the span, whenever opened.</param>
/// <param name="Overdue">Of those open at the end, cases past their deadline.</param>
public sealed record CaseFigures(int Opened, int Closed, int OpenAtEnd, int Overdue);
