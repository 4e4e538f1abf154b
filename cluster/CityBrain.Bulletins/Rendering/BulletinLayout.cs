using CityBrain.Bulletins.Model;

namespace CityBrain.Bulletins.Rendering;

/// <summary>A bulletin as a sequence of printable blocks, shared by the HTML page and the PDF so both show the same
/// sections, lines and tables in the same order.</summary>
public abstract record Block;

public sealed record TitleBlock(string Title, string Subtitle) : Block;

public sealed record HeadingBlock(string Text) : Block;

public sealed record LineBlock(string Text) : Block;

/// <param name="Colours">Per row, a colour to mark the row with (an AQI category), or null.</param>
public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string?> Colours) : Block;

public static class BulletinLayout
{
    /// <summary>A year's days are summarised by category; a day or a month lists its days.</summary>
    private const int MaxListedDays = 31;

    public static IReadOnlyList<Block> Blocks(Bulletin bulletin, BulletinText text)
    {
        var blocks = new List<Block>
        {
            new TitleBlock(text.Title(bulletin), $"{text.PeriodLine(bulletin)}    {text.Composed(bulletin)}"),
            new HeadingBlock(text.AirHeading),
        };
        Air(bulletin, text, blocks);

        blocks.Add(new HeadingBlock(text.ExceedanceHeading));
        blocks.Add(new LineBlock(text.HoursWithAqi(bulletin.Exceedance)));
        blocks.Add(bulletin.Exceedance.PollutantHours.Count == 0
            ? new LineBlock(text.NoPollutantOver)
            : Table([text.Pollutant, text.Hours], bulletin.Exceedance.PollutantHours.Select(p => (IReadOnlyList<string>)[p.Pollutant, p.Count.ToString()])));

        blocks.Add(new HeadingBlock(text.RankingHeading));
        if (bulletin.Ranking.Places.Count == 0) blocks.Add(new LineBlock(text.NoChildren));
        else
        {
            blocks.Add(new LineBlock(text.RankingBasis(bulletin.Ranking.Basis)));
            var decimals = bulletin.Period.Kind == BulletinKind.Day ? 0 : 1;
            blocks.Add(Table([text.Rank, text.Place, text.Aqi, text.PreviousRank, text.Change], bulletin.Ranking.Places.Select(p => (IReadOnlyList<string>)
                [p.Rank?.ToString() ?? "—", text.PlaceName(p), text.Value(p.Value, decimals), p.PreviousRank?.ToString() ?? "—", BulletinText.Signed(p.PlacesGained)])));
        }

        blocks.Add(new HeadingBlock(text.NoiseHeading));
        blocks.Add(new LineBlock(text.NoiseLine(bulletin.Noise)));
        blocks.Add(new LineBlock(text.DayNoise(bulletin.Noise.Day)));
        blocks.Add(new LineBlock(text.NightNoise(bulletin.Noise.Night)));

        blocks.Add(new HeadingBlock(text.NetworkHeading));
        blocks.Add(new LineBlock(text.OnlineRate(bulletin.Network)));
        blocks.Add(new LineBlock(text.ValidityRate(bulletin.Network)));

        blocks.Add(new HeadingBlock(text.CasesHeading));
        blocks.AddRange(text.CaseLines(bulletin.Cases).Select(l => new LineBlock(l)));

        if (bulletin.Statistics is { } statistics)
        {
            blocks.Add(new HeadingBlock(text.StatisticsHeading));
            blocks.AddRange(text.DayLines(statistics).Select(l => new LineBlock(l)));
            blocks.Add(Table([text.Pollutant, text.Unit, text.MeanHeader(bulletin.Period.Kind), text.PercentileHeader],
                statistics.Concentrations.Select(c => (IReadOnlyList<string>)[c.Pollutant, c.Unit, text.Mean(c), text.PercentileValue(c)])));
        }
        return blocks;
    }

    private static void Air(Bulletin bulletin, BulletinText text, List<Block> blocks)
    {
        var days = bulletin.Air.Days;
        if (days.Count <= MaxListedDays)
        {
            blocks.Add(new TableBlock([text.Date, text.Aqi, text.Category, text.Primary],
                [.. days.Select(d => (IReadOnlyList<string>)[BulletinText.Day(d.Day), text.Value(d.Aqi), text.CategoryName(d.CategoryZh, d.CategoryEn), text.PrimaryList(d.PrimaryPollutants, d.Aqi)])],
                [.. days.Select(d => d.Colour)]));
        }
        if (bulletin.Period.Kind == BulletinKind.Day) return;
        blocks.Add(new TableBlock([text.Category, text.Days],
            [.. bulletin.Air.Categories.Select(c => (IReadOnlyList<string>)[text.CategoryName(c.NameZh, c.NameEn), c.Days.ToString()])],
            [.. bulletin.Air.Categories.Select(c => (string?)c.Colour)]));
        if (bulletin.Air.PrimaryPollutantDays.Count > 0)
        {
            blocks.Add(Table([text.Primary, text.Days], bulletin.Air.PrimaryPollutantDays.Select(p => (IReadOnlyList<string>)[p.Pollutant, p.Count.ToString()])));
        }
    }

    private static TableBlock Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        return new TableBlock(header, list, [.. list.Select(_ => (string?)null)]);
    }
}
