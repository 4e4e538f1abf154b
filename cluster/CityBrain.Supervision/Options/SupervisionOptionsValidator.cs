using CityBrain.Regions;
using CityBrain.Supervision.Cases;
using Microsoft.Extensions.Options;

namespace CityBrain.Supervision.Options;

/// <summary>Refuses a supervision configuration that would leave a case without a department or a deadline, naming the
/// entry and field that is wrong.</summary>
public sealed class SupervisionOptionsValidator(RegionTree tree) : IValidateOptions<SupervisionOptions>
{
    public ValidateOptionsResult Validate(string? name, SupervisionOptions options)
    {
        var failures = new List<string>();
        void Positive(TimeSpan value, string field)
        {
            if (value <= TimeSpan.Zero) failures.Add($"{SupervisionOptions.Section}:{field} must be a positive time span, not {value}");
        }
        Positive(options.ReviewInterval, nameof(options.ReviewInterval));
        Positive(options.ReopenWindow, nameof(options.ReopenWindow));
        Positive(options.EndedAlertsTaken, nameof(options.EndedAlertsTaken));
        if (options.VerifyAfter < TimeSpan.Zero) failures.Add($"{SupervisionOptions.Section}:VerifyAfter must not be negative, not {options.VerifyAfter}");
        foreach (var (deadlines, field) in new[] { (options.Warning, nameof(options.Warning)), (options.Critical, nameof(options.Critical)) })
        {
            Positive(deadlines.Acknowledge, $"{field}:Acknowledge");
            Positive(deadlines.Handle, $"{field}:Handle");
        }

        var departments = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Departments.Count; i++)
        {
            var department = options.Departments[i];
            var at = $"{SupervisionOptions.Section}:Departments:{i}";
            if (string.IsNullOrWhiteSpace(department.Id)) failures.Add($"{at}:Id is empty");
            else if (!departments.Add(department.Id)) failures.Add($"{at}:Id '{department.Id}' is used by an earlier department");
            if (string.IsNullOrWhiteSpace(department.Name) && string.IsNullOrWhiteSpace(department.NameZh)) failures.Add($"{at} ('{department.Id}') has neither Name nor NameZh");
        }
        var assigned = new HashSet<(string, CaseKind)>();
        for (var i = 0; i < options.Assignments.Count; i++)
        {
            var assignment = options.Assignments[i];
            var at = $"{SupervisionOptions.Section}:Assignments:{i}";
            if (assignment.Region.Length > 0 && !tree.Contains(assignment.Region)) failures.Add($"{at}:Region '{assignment.Region}' is not a place of the region tree");
            if (!CaseKinds.TryParse(assignment.Kind, out var kind)) failures.Add($"{at}:Kind '{assignment.Kind}' is not one of air, noise, device");
            else if (!assigned.Add((assignment.Region.Length == 0 ? tree.Root.Id : assignment.Region, kind))) failures.Add($"{at} assigns {kind.Name()} cases of '{assignment.Region}' a second time");
            if (!departments.Contains(assignment.Department)) failures.Add($"{at}:Department '{assignment.Department}' is not one of the configured departments");
        }
        for (var i = 0; i < options.Supervisors.Count; i++)
        {
            var supervisor = options.Supervisors[i];
            if (supervisor.Region.Length > 0 && !tree.Contains(supervisor.Region)) failures.Add($"{SupervisionOptions.Section}:Supervisors:{i}:Region '{supervisor.Region}' is not a place of the region tree");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
