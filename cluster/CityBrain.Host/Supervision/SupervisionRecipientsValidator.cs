using CityBrain.Notifications;
using CityBrain.Supervision.Options;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Supervision;

/// <summary>Refuses departments and supervisors that name a recipient <c>Notifications:Recipients</c> does not have: a
/// typo would otherwise leave a department untold of every case dispatched to it.</summary>
public sealed class SupervisionRecipientsValidator(IOptions<NotificationOptions> notifications) : IValidateOptions<SupervisionOptions>
{
    public ValidateOptionsResult Validate(string? name, SupervisionOptions options)
    {
        var known = notifications.Value.Recipients;
        var failures = new List<string>();
        void Check(IEnumerable<string> recipients, string at)
        {
            foreach (var recipient in recipients.Where(r => !known.ContainsKey(r)))
            {
                failures.Add($"{at}:Recipients names '{recipient}', which is not one of {NotificationOptions.Section}:Recipients");
            }
        }
        for (var i = 0; i < options.Departments.Count; i++) Check(options.Departments[i].Recipients, $"{SupervisionOptions.Section}:Departments:{i}");
        for (var i = 0; i < options.Supervisors.Count; i++) Check(options.Supervisors[i].Recipients, $"{SupervisionOptions.Section}:Supervisors:{i}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
