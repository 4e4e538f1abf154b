using CityBrain.Bulletins.Rendering;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Bulletins;

/// <summary>The morning bulletins (section <c>Bulletins</c>):
/// <c>"Bulletins": { "Enabled": true, "GenerateAt": "06:00", "Languages": "zh,en" }</c>, and the font files the PDF
/// embeds (Debian's by default).</summary>
public sealed class BulletinOptions
{
    public const string Section = "Bulletins";

    public bool Enabled { get; set; } = true;

    /// <summary>Local time of day (the region tree's zone) after which yesterday's bulletins are generated: late
    /// enough for the last hours of the day, and data that came late, to have closed.</summary>
    public TimeSpan GenerateAt { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long after start the first run waits: a host that was down receives the gateways' backlogs and
    /// closes their hours in its first minutes, and a bulletin, once archived, is not made again.</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Comma-separated language codes, <c>zh</c> and/or <c>en</c>.</summary>
    public string Languages { get; set; } = "zh,en";

    public string CjkFont { get; set; } = BulletinFontFiles.Debian.Cjk;

    public string LatinFont { get; set; } = BulletinFontFiles.Debian.Latin;

    public string LatinBoldFont { get; set; } = BulletinFontFiles.Debian.LatinBold;

    public BulletinFontFiles Fonts => new(CjkFont, LatinFont, LatinBoldFont);

    public IReadOnlyList<BulletinLanguage> ParsedLanguages() =>
        [.. Languages.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(code => BulletinLanguages.TryParse(code, out var language) ? language : (BulletinLanguage?)null)
            .OfType<BulletinLanguage>()
            .Distinct()];
}

public sealed class BulletinOptionsValidator : IValidateOptions<BulletinOptions>
{
    public ValidateOptionsResult Validate(string? name, BulletinOptions options)
    {
        var problems = new List<string>();
        if (options.GenerateAt < TimeSpan.Zero || options.GenerateAt >= TimeSpan.FromDays(1))
        {
            problems.Add($"{BulletinOptions.Section}:GenerateAt {options.GenerateAt} is not a time of day between 00:00 and 23:59:59");
        }
        if (options.StartDelay < TimeSpan.Zero || options.StartDelay > TimeSpan.FromHours(1))
        {
            problems.Add($"{BulletinOptions.Section}:StartDelay {options.StartDelay} is not between 00:00:00 and 01:00:00");
        }
        var codes = options.Languages.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (codes.Length == 0) problems.Add($"{BulletinOptions.Section}:Languages is empty; give zh, en or zh,en");
        problems.AddRange(codes.Where(c => !BulletinLanguages.TryParse(c, out _))
            .Select(c => $"{BulletinOptions.Section}:Languages names '{c}', which is neither zh nor en"));
        // Fonts matter only to a host that renders: one with bulletins off starts without them.
        if (options.Enabled) problems.AddRange(options.Fonts.Missing().Select(m => $"{BulletinOptions.Section}: {m}"));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
