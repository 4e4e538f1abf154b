namespace CityBrain.Edge.Cli;

/// <summary>A plain text table with aligned columns, for a terminal or a technician's ssh session.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => r.ElementAtOrDefault(i)?.Length ?? 0).DefaultIfEmpty(0).Max())).ToArray();
        foreach (var row in _rows.Prepend(headers))
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
