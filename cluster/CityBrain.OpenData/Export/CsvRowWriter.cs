using System.Globalization;
using CsvHelper;

namespace CityBrain.OpenData.Export;

/// <summary>RFC 4180 CSV: a header row, CRLF line ends, UTF-8 without a byte order mark, fields quoted where needed. An
/// empty value means no valid value, never zero; numbers in the shortest text that reads back to the same double.</summary>
public sealed class CsvRowWriter : IRowWriter
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { WriteByteOrderMark = false };

    private readonly CsvWriter _csv;

    public CsvRowWriter(Stream output)
    {
        _csv = CsvWriter.Create(output, Options, leaveOpen: true);
        _csv.WriteHeader([.. ExportColumns.All]);
    }

    public async Task WriteAsync(IReadOnlyList<ExportRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            _csv.WriteField(ExportColumns.Text(row.Place.Scope));
            _csv.WriteField(row.Place.Id);
            _csv.WriteField(row.Place.Name);
            _csv.WriteField(row.Place.NameZh);
            _csv.WriteField(row.Place.District);
            _csv.WriteField(row.Metric);
            _csv.WriteField(row.Unit);
            _csv.WriteField(ExportColumns.Text(row.Step));
            _csv.WriteField(ExportColumns.Text(row.Start));
            _csv.WriteField(row.LocalLabel);
            _csv.WriteField(row.Value?.ToString("R", CultureInfo.InvariantCulture));
            _csv.WriteField(row.Count.ToString(CultureInfo.InvariantCulture));
            _csv.WriteField(ExportColumns.Text(row.Flag));
            _csv.WriteField(row.RuleSet);
            await _csv.EndRecordAsync(cancellationToken);
        }
        // Each chunk leaves at once, so a client sees the export grow rather than wait for the whole range.
        await _csv.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _csv.FlushAsync(CancellationToken.None);
        await _csv.DisposeAsync();
    }
}
