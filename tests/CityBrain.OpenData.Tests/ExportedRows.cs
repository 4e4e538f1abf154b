using CityBrain.OpenData.Export;
using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace CityBrain.OpenData.Tests;

/// <summary>A row of an export as a reader of the file sees it.</summary>
public sealed record ExportedRow(string Scope, string Id, string Name, string? District, string Metric, string? Unit, string Step,
    DateTimeOffset Start, string LocalLabel, double? Value, int Count, string Flag, string? RuleSet);

/// <summary>Reads exports back with the libraries an analyst would use: CsvHelper and Parquet.Net.</summary>
public static class ExportedRows
{
    public static async Task<IReadOnlyList<ExportedRow>> ReadCsvAsync(Stream stream)
    {
        await using var csv = CsvReader.Create(stream, null, leaveOpen: true);
        await csv.ReadHeaderAsync();
        Assert.Equal(ExportColumns.All, csv.Headers);
        var rows = new List<ExportedRow>();
        while (await csv.ReadAsync())
        {
            var text = (string column) => csv.GetString(column) is { Length: > 0 } value ? value : null;
            rows.Add(new ExportedRow(text("scope")!, text("id")!, text("name")!, text("district"), text("metric")!, text("unit"), text("step")!,
                DateTimeOffset.Parse(text("period_start")!, System.Globalization.CultureInfo.InvariantCulture),
                text("local_label")!, text("value") is { } value ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null,
                int.Parse(text("count")!, System.Globalization.CultureInfo.InvariantCulture), text("flag")!, text("rule_set")));
        }
        return rows;
    }

    /// <summary>The rows, and how many row groups held them.</summary>
    public static async Task<(IReadOnlyList<ExportedRow> Rows, int RowGroups)> ReadParquetAsync(Stream stream)
    {
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal(ExportColumns.All, reader.Schema.DataFields.Select(f => f.Name));
        var rows = new List<ExportedRow>();
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rowGroup = reader.OpenRowGroupReader(group);
            var count = (int)rowGroup.RowCount;
            var strings = new Dictionary<string, string?[]>();
            string[] typed = [ExportColumns.PeriodStart, ExportColumns.Value, ExportColumns.Count];
            foreach (var field in reader.Schema.DataFields.Where(f => !typed.Contains(f.Name)))
            {
                var values = new string?[count];
                await rowGroup.ReadAsync(field, values.AsMemory());
                strings[field.Name] = values;
            }
            var starts = new DateTime[count];
            await rowGroup.ReadAsync<DateTime>(Field(reader, ExportColumns.PeriodStart), starts.AsMemory());
            var values2 = new double?[count];
            await rowGroup.ReadAsync<double>(Field(reader, ExportColumns.Value), values2.AsMemory());
            var counts = new int[count];
            await rowGroup.ReadAsync<int>(Field(reader, ExportColumns.Count), counts.AsMemory());
            for (var i = 0; i < count; i++)
            {
                var text = (string column) => strings[column][i];
                rows.Add(new ExportedRow(text("scope")!, text("id")!, text("name")!, text("district"), text("metric")!, text("unit"), text("step")!,
                    new DateTimeOffset(DateTime.SpecifyKind(starts[i], DateTimeKind.Utc)), text("local_label")!, values2[i], counts[i], text("flag")!, text("rule_set")));
            }
        }
        return (rows, reader.RowGroupCount);
    }

    private static DataField Field(ParquetReader reader, string name) => reader.Schema.DataFields.Single(f => f.Name == name);
}
