using System.Globalization;
using CityBrain.Grains.Regions;
using CityBrain.OpenData.Export;

namespace CityBrain.OpenData.Daily;

/// <summary>One day's open-data file in one format, e.g. <c>demo-city-2026-12-05.csv</c>.</summary>
public sealed record DailyFile(string Name, DateOnly Day, ExportFormat Format, long Bytes, string FullPath);

/// <summary>The folder of the daily files. A file is named after the city and the local day it holds; nothing else in
/// the folder is listed or served, so a name from a URL can never reach another file.</summary>
public sealed class DailyFileFolder(string path, RegionCatalog catalog)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string NameOf(DateOnly day, ExportFormat format) =>
        $"{catalog.Root.Id}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{format.Extension()}";

    public string PathOf(DateOnly day, ExportFormat format) => System.IO.Path.Combine(Path, NameOf(day, format));

    /// <summary>Every daily file, the newest day first, CSV before Parquet.</summary>
    public IReadOnlyList<DailyFile> List()
    {
        if (!Directory.Exists(Path)) return [];
        return [.. new DirectoryInfo(Path).EnumerateFiles()
            .Select(file => TryParse(file.Name, out var day, out var format) ? new DailyFile(file.Name, day, format, file.Length, file.FullName) : null)
            .OfType<DailyFile>()
            .OrderByDescending(f => f.Day).ThenBy(f => f.Format)];
    }

    public bool TryFind(string name, out DailyFile file)
    {
        file = null!;
        if (!TryParse(name, out var day, out var format)) return false;
        var info = new FileInfo(PathOf(day, format));
        if (!info.Exists) return false;
        file = new DailyFile(info.Name, day, format, info.Length, info.FullName);
        return true;
    }

    private bool TryParse(string name, out DateOnly day, out ExportFormat format)
    {
        day = default;
        format = default;
        var prefix = catalog.Root.Id + "-";
        var extension = System.IO.Path.GetExtension(name);
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && ExportFormats.TryParse(extension.TrimStart('.'), out format)
            && DateOnly.TryParseExact(name[prefix.Length..^extension.Length], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
