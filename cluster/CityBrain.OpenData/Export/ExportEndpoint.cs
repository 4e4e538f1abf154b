using System.Globalization;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.OpenData.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.OpenData.Export;

/// <summary><c>GET /api/export</c>: the hourly or daily history of the city, a district or a device over a range, as
/// CSV or Parquet, streamed a chunk at a time. Everything is checked before the first byte leaves: a wrong parameter
/// answers 400 with the reason, a caller the access configuration refuses 401 or 403, an unknown place 404.</summary>
public sealed class ExportEndpoint(HistoryRows history, RegionCatalog catalog, IGrainFactory grains, IOptions<ExportOptions> options,
    TimeProvider time, OpenDataMetrics metrics, ILogger<ExportEndpoint> logger)
{
    public const string Path = "/api/export";

    public async Task<IResult> HandleAsync(HttpContext http, IOpenDataAccess access)
    {
        if (!ExportRequest.TryParse(http.Request.Query, time.GetUtcNow(), options.Value, out var request, out var error))
        {
            return Reject(StatusCodes.Status400BadRequest, "rejected", error);
        }
        if (OpenDataGate.Refuse(access, http.User, OpenDataGate.DatasetOf(request.Scope)) is { } refusal)
        {
            metrics.Request("refused");
            return refusal;
        }
        var (place, status, problem) = await FindAsync(request);
        if (place is null) return Reject(status, status == StatusCodes.Status404NotFound ? "not-found" : "rejected", problem);
        var cancellation = http.RequestAborted;
        return TypedResults.Stream(body => WriteAsync(request, place, body, cancellation), request.Format.ContentType(), FileName(request, place));
    }

    private async Task<(ExportPlace? Place, int Status, string Error)> FindAsync(ExportRequest request)
    {
        switch (request.Scope)
        {
            case HistoryScope.Region when request.Id is null:
                return (ExportPlace.Of(catalog.Root), 0, "");
            case HistoryScope.Region when catalog.Tree.TryFind(request.Id, out var region) && !region.IsLeaf:
                return (ExportPlace.Of(region), 0, "");
            case HistoryScope.Region:
                return (null, StatusCodes.Status404NotFound, $"'{HistoryRange.Show(request.Id)}' is not a region above the districts of '{catalog.Root.Id}'");
            case HistoryScope.District when catalog.TryGetDistrict(request.Id!, out var district):
                return (ExportPlace.Of(district), 0, "");
            case HistoryScope.District:
                return (null, StatusCodes.Status404NotFound, $"'{HistoryRange.Show(request.Id)}' is not a district of '{catalog.Root.Id}'");
        }
        if (!Contracts.Topics.Identifier.IsValid(request.Id!))
        {
            return (null, StatusCodes.Status400BadRequest, $"id '{HistoryRange.Show(request.Id)}' is not a valid device id");
        }
        var device = await grains.GetGrain<IDeviceGrain>(request.Id!).GetSnapshot();
        return device is null
            ? (null, StatusCodes.Status404NotFound, $"device '{request.Id}' has never reported")
            : (ExportPlace.Device(device.DeviceId, device.DistrictId), 0, "");
    }

    private async Task WriteAsync(ExportRequest request, ExportPlace place, Stream body, CancellationToken cancellationToken)
    {
        long rows = 0;
        try
        {
            await using (var writer = await RowWriters.OpenAsync(request.Format, body, cancellationToken))
            {
                await foreach (var chunk in history.ReadAsync(place, request.Step, request.From, request.To, request.Metrics, catalog.Calendar, cancellationToken))
                {
                    await writer.WriteAsync(chunk, cancellationToken);
                    rows += chunk.Count;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The status line has gone out: all that is left is to cut the response short, which the client sees.
            metrics.Request("failed");
            logger.ExportStopped(exception, place.Scope, place.Id, rows);
            throw;
        }
        metrics.Request("exported");
        metrics.Rows(rows, request.Format.Name());
        logger.Exported(rows, place.Scope, place.Id, request.Step, request.From, request.To, request.Format);
    }

    private IResult Reject(int status, string outcome, string error)
    {
        metrics.Request(outcome);
        logger.ExportRejected(status, error);
        return TypedResults.Json(new OpenDataError(error), statusCode: status);
    }

    /// <summary>E.g. <c>demo-city-district-haidian-hour-20261101T0000-20261201T0000.csv</c>, in local time; the root
    /// alone is named by its level (<c>demo-city-city-…</c>).</summary>
    private string FileName(ExportRequest request, ExportPlace place)
    {
        var stamp = (DateTimeOffset instant) => catalog.Calendar.ToLocal(instant).ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);
        var scope = place.Id == catalog.Root.Id ? catalog.Root.Level : $"{ExportColumns.Text(place.Scope)}-{place.Id}";
        return $"{catalog.Root.Id}-{scope}-{ExportColumns.Text(request.Step)}-{stamp(request.From)}-{stamp(request.To)}{request.Format.Extension()}";
    }
}
