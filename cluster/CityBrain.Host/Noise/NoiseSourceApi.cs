using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Regions;
using CityBrain.Host.Api;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Noise;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Noise;

/// <summary><c>GET /api/devices/{id}/noise-source</c>: a source-watching device's hourly levels corrected for the
/// background by HJ 706-2014, hour by hour, with the background each hour was corrected for.</summary>
public static class NoiseSourceApi
{
    private static readonly string Noise = Quantity.Noise.WireName();

    public static WebApplicationBuilder AddNoiseSources(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NoiseSourceOptions>().BindConfiguration(NoiseSourceOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NoiseSourceOptions>, NoiseSourceOptionsValidator>();
        return builder;
    }

    public static void MapNoiseSourceApi(this WebApplication app) =>
        app.MapGroup("/api").MapGet("/devices/{id}/noise-source", GetAsync);

    private static async Task<Results<Ok<NoiseSourceResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetAsync(
        string id, string? from, string? to, HttpRequest http, IOptions<NoiseSourceOptions> options, IHistoryStore history, RegionCatalog catalog,
        TimeProvider time, IGrainFactory grains)
    {
        if (HistoryRequest.Repeated(http.Query) is { } repeated) return TypedResults.BadRequest(new ErrorResponse(repeated));
        if (!options.Value.Sites.TryGetValue(id, out var site))
        {
            return TypedResults.NotFound(new ErrorResponse($"device '{id}' watches no noise source: set {NoiseSourceOptions.Section}:Sites:{id}:Background (dB(A)) or :BackgroundDevice"));
        }
        if (await grains.GetGrain<IDeviceGrain>(id).GetSnapshot() is null) return TypedResults.NotFound(new ErrorResponse($"device '{id}' has never reported"));
        if (!HistoryRequest.TryParse(Noise, from, to, "hour", time.GetUtcNow(), out var request, out var error))
        {
            return TypedResults.BadRequest(new ErrorResponse(error));
        }
        var measured = await HourlyAsync(id);
        IReadOnlyList<double?> background = site.BackgroundDevice is { } reference
            ? [.. (await HourlyAsync(reference)).Select(p => p.Value)]
            : [.. measured.Select(_ => site.Background)];
        return TypedResults.Ok(new NoiseSourceResponse(id, site.Background, site.BackgroundDevice, request.Unit, request.From, request.To,
            [.. measured.Zip(background, (m, b) => Hour(m.Time, m.Value, b))]));

        async Task<IReadOnlyList<(DateTimeOffset Time, double? Value)>> HourlyAsync(string device) =>
            [.. request.Fill(catalog.Calendar, await history.ReadAsync(request.ToQuery(HistoryScope.Device, device, catalog.Calendar))).Select(p => (p.Time, p.Value))];
    }

    private static NoiseSourceHourResponse Hour(DateTimeOffset start, double? measured, double? background)
    {
        if (measured is not { } level || background is not { } quiet) return new(start, measured, background, null, null, null, null);
        var corrected = BackgroundCorrection.Apply(level, quiet);
        return new(start, Decibels.Round(level), Decibels.Round(quiet), corrected.Difference, corrected.Correction,
            corrected.Outcome switch
            {
                BackgroundOutcome.NotNeeded => "notNeeded",
                BackgroundOutcome.Corrected => "corrected",
                _ => "measureAgain",
            },
            corrected.Level);
    }
}

/// <param name="Background">The configured background, dB(A); null when a reference device measures it.</param>
/// <param name="BackgroundDevice">The device measuring the background, if one does.</param>
public sealed record NoiseSourceResponse(string Device, double? Background, string? BackgroundDevice, string? Unit, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<NoiseSourceHourResponse> Hours);

/// <summary>One hour: the measured LAeq, the background, the rounded difference, Table 1's correction, the outcome
/// (<c>notNeeded</c>, <c>corrected</c>, <c>measureAgain</c>) and the source's level; nulls where either level is
/// missing (a gap, never a zero).</summary>
public sealed record NoiseSourceHourResponse(DateTimeOffset Start, double? Measured, double? Background, int? Difference, int? Correction,
    string? Outcome, double? Level);
