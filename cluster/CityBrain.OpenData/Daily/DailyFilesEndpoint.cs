using CityBrain.OpenData.Access;
using CityBrain.OpenData.Export;
using Microsoft.AspNetCore.Http;

namespace CityBrain.OpenData.Daily;

/// <summary><c>GET /api/open-data/files</c> lists the daily files, <c>GET /api/open-data/files/{name}</c> serves one.
/// Both hold aggregates only, so they follow <see cref="OpenDataset.Aggregates"/>.</summary>
public sealed class DailyFilesEndpoint(DailyFileFolder folder, OpenDataMetrics metrics)
{
    public const string Path = "/api/open-data/files";

    public IResult List(HttpContext http, IOpenDataAccess access)
    {
        if (Refuse(http, access) is { } refusal) return refusal;
        IReadOnlyList<DailyFileResponse> files = [.. folder.List().Select(f =>
            new DailyFileResponse(f.Name, f.Day, f.Format.Name(), f.Bytes, $"{Path}/{Uri.EscapeDataString(f.Name)}"))];
        return TypedResults.Ok(files);
    }

    public IResult Download(string name, HttpContext http, IOpenDataAccess access)
    {
        if (Refuse(http, access) is { } refusal) return refusal;
        if (!folder.TryFind(name, out var file))
        {
            metrics.Request("not-found");
            return TypedResults.NotFound(new OpenDataError($"no open-data file '{Indicators.History.HistoryRange.Show(name)}'; {Path} lists them"));
        }
        return TypedResults.PhysicalFile(file.FullPath, file.Format.ContentType(), file.Name, enableRangeProcessing: true);
    }

    private IResult? Refuse(HttpContext http, IOpenDataAccess access)
    {
        var refusal = OpenDataGate.Refuse(access, http.User, OpenDataset.Aggregates);
        if (refusal is not null) metrics.Request("refused");
        return refusal;
    }
}

/// <param name="Href">Where to download it.</param>
public sealed record DailyFileResponse(string Name, DateOnly Day, string Format, long Bytes, string Href);
