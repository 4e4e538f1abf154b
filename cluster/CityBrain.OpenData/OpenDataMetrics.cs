using System.Diagnostics.Metrics;

namespace CityBrain.OpenData;

/// <summary>Counters of the open-data exports as OpenTelemetry instruments: requests by outcome and rows written.</summary>
public sealed class OpenDataMetrics
{
    public const string MeterName = "CityBrain.OpenData";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rows;

    public OpenDataMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("citybrain.opendata.requests", description: "Export and open-data file requests by outcome");
        _rows = meter.CreateCounter<long>("citybrain.opendata.rows", description: "Rows written by exports and daily files");
    }

    /// <param name="outcome"><c>exported</c>, <c>rejected</c>, <c>refused</c>, <c>not-found</c> or <c>failed</c>.</param>
    public void Request(string outcome) => _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Rows(long rows, string format) => _rows.Add(rows, new KeyValuePair<string, object?>("format", format));
}
