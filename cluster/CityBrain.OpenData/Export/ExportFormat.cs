namespace CityBrain.OpenData.Export;

/// <summary>The file formats an export or a daily open-data file is written in.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180 CSV in UTF-8 without a byte order mark, a header row, CRLF line ends.</summary>
    Csv,

    /// <summary>Apache Parquet with typed columns, one row group per chunk of history read.</summary>
    Parquet,
}

public static class ExportFormats
{
    public static string Name(this ExportFormat format) => format == ExportFormat.Csv ? "csv" : "parquet";

    public static string Extension(this ExportFormat format) => "." + format.Name();

    public static string ContentType(this ExportFormat format) =>
        format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet";

    /// <summary>Reads a comma-separated list of format names, e.g. <c>csv,parquet</c>; each at most once.</summary>
    public static bool TryParseList(string? text, out IReadOnlyList<ExportFormat> formats, out string error)
    {
        var parsed = new List<ExportFormat>();
        formats = parsed;
        error = "";
        foreach (var name in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse(name, out var format))
            {
                error = $"format '{Indicators.History.HistoryRange.Show(name)}' is not csv or parquet";
                return false;
            }
            if (!parsed.Contains(format)) parsed.Add(format);
        }
        if (parsed.Count == 0) error = "no format is named; use csv, parquet or both";
        return parsed.Count > 0;
    }

    public static bool TryParse(string? name, out ExportFormat format)
    {
        format = name == "parquet" ? ExportFormat.Parquet : ExportFormat.Csv;
        return name is "csv" or "parquet";
    }
}
