namespace CityBrain.Grains.Reporting;

internal static class ClusterMembershipExtensions
{
    /// <summary>Whether a call to another grain can be placed at all. While the last silo shuts down none can: every
    /// deactivating grain that tries costs a round of placement retries and errors in the log, and an hour closed then
    /// would be marked done without its district ever hearing of it.</summary>
    public static bool AnySiloActive(this IClusterMembershipService membership) =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active);
}
