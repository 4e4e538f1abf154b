namespace CityBrain.Simulators.Fleet.Scenarios;

/// <summary>One thing wrong with a scenario: the field, as a path into the file, and what is wrong with it.</summary>
public sealed record ScenarioError(string Field, string Problem)
{
    public override string ToString() => $"{Field}: {Problem}";
}

/// <summary>Collects every problem of a scenario, so that one run of <c>validate</c> lists all of them.</summary>
public sealed class ScenarioErrors
{
    private readonly List<ScenarioError> _errors = [];

    public IReadOnlyList<ScenarioError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string problem) => _errors.Add(new ScenarioError(field, problem));
}

/// <summary>A scenario that cannot be simulated; the message names the first problem, <see cref="Errors"/> all.</summary>
public sealed class InvalidScenarioException(string source, IReadOnlyList<ScenarioError> errors)
    : Exception($"{source}: {errors[0]}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more problems)" : ""))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
