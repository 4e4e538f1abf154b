using System.Security.Claims;

namespace CityBrain.OpenData.Access;

/// <summary>Decides what a caller of the open-data interfaces (SensorThings, exports, the MQTT extension) may read,
/// consistently with the host's roles: the same answer wherever the data leaves.</summary>
public interface IOpenDataAccess
{
    bool MayRead(ClaimsPrincipal caller, OpenDataset dataset);

    /// <summary>The sentence a refused caller reads: what they asked for, and what would let them read it.</summary>
    string Refusal(OpenDataset dataset);
}
