using System.Security.Claims;
using CityBrain.OpenData.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.OpenData;

/// <summary>The open-data endpoints are open to anyone the access configuration lets in, so they skip the host's
/// sign-in policy and ask <see cref="IOpenDataAccess"/> instead: 401 for a caller without a token, 403 for one whose
/// token does not reach the dataset.</summary>
public static class OpenDataGate
{
    public static IResult? Refuse(IOpenDataAccess access, ClaimsPrincipal caller, OpenDataset dataset)
    {
        if (access.MayRead(caller, dataset)) return null;
        var error = new OpenDataError(access.Refusal(dataset));
        return caller.Identity?.IsAuthenticated == true
            ? TypedResults.Json(error, statusCode: StatusCodes.Status403Forbidden)
            : TypedResults.Json(error, statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>Data of a device is device data; a district's or the city's is an aggregate.</summary>
    public static OpenDataset DatasetOf(Indicators.History.HistoryScope scope) =>
        scope == Indicators.History.HistoryScope.Device ? OpenDataset.DeviceHourly : OpenDataset.Aggregates;
}
