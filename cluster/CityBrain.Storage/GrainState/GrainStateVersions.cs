using System.Globalization;
using Orleans.Runtime;
using Orleans.Storage;

namespace CityBrain.Storage.GrainState;

/// <summary>The optimistic-concurrency rules every grain storage of the cluster keeps, whatever holds the rows: the
/// ETag is the row's version number, a grain without an ETag may only create its row, and a write or clear applies
/// only to the version that was read.</summary>
public static class GrainStateVersions
{
    /// <summary>The version a write or clear expects to find; 0 means "there is no row yet" (no ETag).</summary>
    public static long Expected(string? etag) => etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture);

    public static void Missing<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Marks the state as the stored row of <paramref name="version"/>, after a read or a write.</summary>
    public static void Stored<T>(IGrainState<T> grainState, long version)
    {
        grainState.ETag = ETag(version);
        grainState.RecordExists = true;
    }

    public static InconsistentStateException WriteConflict(string stateName, GrainId grainId, long? stored, long expected, string? currentETag) => new(
        $"state '{stateName}' of {grainId} was changed by someone else (stored version {stored?.ToString(CultureInfo.InvariantCulture) ?? "none"}, expected {expected})",
        stored is { } version ? ETag(version) : null, currentETag);

    public static InconsistentStateException ClearConflict(string stateName, GrainId grainId, long stored, string? currentETag) => new(
        $"state '{stateName}' of {grainId} was changed by someone else before it could be cleared", ETag(stored), currentETag);

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
