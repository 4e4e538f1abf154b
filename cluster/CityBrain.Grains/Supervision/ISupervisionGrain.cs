using CityBrain.Supervision.Cases;

namespace CityBrain.Grains.Supervision;

/// <summary>The supervision desk of the whole region tree, keyed by the root's id: the one writer of cases, wherever in
/// the cluster it is activated.</summary>
[Alias("citybrain.ISupervisionGrain")]
public interface ISupervisionGrain : IGrainWithStringKey
{
    /// <summary>Reads the tree's alerts into cases, then verifies and escalates what is due.</summary>
    [Alias("Review")]
    Task Review();

    [Alias("Act")]
    Task<CaseOutcome> Act(long caseId, CaseCommand command);
}
