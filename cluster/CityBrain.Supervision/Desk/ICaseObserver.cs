using CityBrain.Supervision.Cases;

namespace CityBrain.Supervision.Desk;

/// <summary>Told of every step once it is stored, e.g. to notify the people concerned. A failing observer is logged
/// and does not undo or hold up the step.</summary>
public interface ICaseObserver
{
    Task OnStepAsync(SupervisionCase supervisionCase, CaseEvent step, CancellationToken cancellationToken);
}
