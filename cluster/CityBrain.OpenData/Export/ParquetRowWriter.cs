using CityBrain.Indicators.History;
using Parquet;
using Parquet.Schema;

namespace CityBrain.OpenData.Export;

/// <summary>Parquet with typed columns: strings, a UTC timestamp for the period start, a nullable double for the value
/// (null, never 0, when the period is not valid) and an int for the count. Each chunk becomes one row group, written out
/// before the next is read.</summary>
public sealed class ParquetRowWriter : IRowWriter
{
    public static readonly DataField<string> Scope = new(ExportColumns.Scope, nullable: false);
    public static readonly DataField<string> Id = new(ExportColumns.Id, nullable: false);
    public static readonly DataField<string> Name = new(ExportColumns.Name, nullable: false);
    public static readonly DataField<string> NameZh = new(ExportColumns.NameZh, nullable: true);
    public static readonly DataField<string> District = new(ExportColumns.District, nullable: true);
    public static readonly DataField<string> Metric = new(ExportColumns.Metric, nullable: false);
    public static readonly DataField<string> Unit = new(ExportColumns.Unit, nullable: true);
    public static readonly DataField<string> Step = new(ExportColumns.Step, nullable: false);
    public static readonly DateTimeDataField PeriodStart = new(ExportColumns.PeriodStart, DateTimeFormat.Timestamp, isAdjustedToUTC: true,
        unit: DateTimeTimeUnit.Millis, isNullable: false);
    public static readonly DataField<string> LocalLabel = new(ExportColumns.LocalLabel, nullable: false);
    public static readonly DataField<double?> Value = new(ExportColumns.Value, nullable: true);
    public static readonly DataField<int> Count = new(ExportColumns.Count, nullable: false);
    public static readonly DataField<string> Flag = new(ExportColumns.Flag, nullable: false);
    public static readonly DataField<string> RuleSet = new(ExportColumns.RuleSet, nullable: true);

    public static ParquetSchema Schema { get; } =
        new(Scope, Id, Name, NameZh, District, Metric, Unit, Step, PeriodStart, LocalLabel, Value, Count, Flag, RuleSet);

    private readonly Stream _output;
    private readonly SpoolStream _spool;
    private readonly ParquetWriter _writer;

    private ParquetRowWriter(Stream output, SpoolStream spool, ParquetWriter writer)
    {
        _output = output;
        _spool = spool;
        _writer = writer;
    }

    public static async Task<ParquetRowWriter> CreateAsync(Stream output, CancellationToken cancellationToken)
    {
        var spool = new SpoolStream();
        var writer = await ParquetWriter.CreateAsync(Schema, spool, cancellationToken: cancellationToken);
        return new ParquetRowWriter(output, spool, writer);
    }

    public async Task WriteAsync(IReadOnlyList<ExportRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync(Scope, Strings(rows, r => ExportColumns.Text(r.Place.Scope)));
            await group.WriteAsync(Id, Strings(rows, r => r.Place.Id));
            await group.WriteAsync(Name, Strings(rows, r => r.Place.Name));
            await group.WriteAsync(NameZh, Strings(rows, r => r.Place.NameZh));
            await group.WriteAsync(District, Strings(rows, r => r.Place.District));
            await group.WriteAsync(Metric, Strings(rows, r => r.Metric));
            await group.WriteAsync(Unit, Strings(rows, r => r.Unit));
            await group.WriteAsync(Step, Strings(rows, r => ExportColumns.Text(r.Step)));
            await group.WriteAsync<DateTime>(PeriodStart, rows.Select(r => r.Start.UtcDateTime).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync(LocalLabel, Strings(rows, r => r.LocalLabel));
            await group.WriteAsync(Value, new ReadOnlyMemory<double?>([.. rows.Select(r => r.Value)]), cancellationToken: cancellationToken);
            await group.WriteAsync<int>(Count, rows.Select(r => r.Count).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync(Flag, Strings(rows, r => ExportColumns.Text(r.Flag)));
            await group.WriteAsync(RuleSet, Strings(rows, r => r.RuleSet));
        }
        await _spool.DrainAsync(_output, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // The footer: where every row group's columns start, hence the spool's count of what went before.
        await _writer.DisposeAsync();
        await _spool.DrainAsync(_output, CancellationToken.None);
        await _spool.DisposeAsync();
    }

    private static string?[] Strings(IReadOnlyList<ExportRow> rows, Func<ExportRow, string?> column) => [.. rows.Select(column)];

    /// <summary>Collects what the Parquet writer writes (synchronously at times, and asking for its position) until it
    /// is drained into the real output asynchronously.</summary>
    private sealed class SpoolStream : Stream
    {
        private readonly MemoryStream _pending = new();
        private long _drained;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _drained + _pending.Length;

        public override long Position
        {
            get => Length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _pending.Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _pending.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public async Task DrainAsync(Stream output, CancellationToken cancellationToken)
        {
            if (_pending.Length == 0) return;
            _pending.Position = 0;
            await _pending.CopyToAsync(output, cancellationToken);
            await output.FlushAsync(cancellationToken);
            _drained += _pending.Length;
            _pending.SetLength(0);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _pending.Dispose();
            base.Dispose(disposing);
        }
    }
}
