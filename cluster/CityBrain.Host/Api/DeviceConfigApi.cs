using System.Buffers;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Topics;
using CityBrain.Grains.Devices;
using CityBrain.Ingest.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Api;

/// <summary>Changes a gateway's sampling without a visit: the configuration is published retained on the device's
/// config topic, so a gateway that is offline now picks it up when it reconnects, on whichever node.</summary>
public static class DeviceConfigApi
{
    public static void MapDeviceConfigApi(this WebApplication app) =>
        app.MapPut("/api/devices/{id}/config", PutConfigAsync).RequireAuthorization(Security.Policies.Operate);

    private static async Task<Results<Accepted<object>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> PutConfigAsync(
        string id, HttpRequest request, IGrainFactory grains, IDeviceMessagePublisher publisher, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var parsed = WireFormat.ParseDeviceConfig(new ReadOnlySequence<byte>(body.ToArray()));
        if (!parsed.Ok) return TypedResults.BadRequest(new ErrorResponse($"configuration refused: {parsed.Rejection.Reason}"));
        var device = Identifier.IsValid(id) ? await grains.GetGrain<IDeviceGrain>(id).GetSnapshot() : null;
        if (device is null) return TypedResults.NotFound(new ErrorResponse($"device '{id}' has never reported, so its district is unknown"));
        var topic = TopicAddress.Build(device.DistrictId, id, TopicKind.Config);
        await publisher.PublishRetainedAsync(topic, WireFormat.Serialize(parsed.Value), cancellationToken);
        return TypedResults.Accepted($"/api/devices/{id}", (object)new { topic, config = parsed.Value });
    }
}
