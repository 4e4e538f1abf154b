namespace CityBrain.OpenData.Export;

/// <summary>Writes export rows to a stream in one format, a chunk at a time; disposing it completes the file.</summary>
public interface IRowWriter : IAsyncDisposable
{
    Task WriteAsync(IReadOnlyList<ExportRow> rows, CancellationToken cancellationToken);
}

public static class RowWriters
{
    /// <summary>A writer onto <paramref name="output"/>, which it leaves open; it writes asynchronously only, so it
    /// can stream into an HTTP response.</summary>
    public static async Task<IRowWriter> OpenAsync(ExportFormat format, Stream output, CancellationToken cancellationToken) =>
        format == ExportFormat.Csv ? new CsvRowWriter(output) : await ParquetRowWriter.CreateAsync(output, cancellationToken);
}
