using CityBrain.Notifications.Recipients;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CityBrain.Notifications;

/// <summary>Stops the host at start on a notification setting it could not act on, naming each such setting.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var problems = new List<string>();
        const string Section = NotificationOptions.Section;
        if (options.MaxAttempts is < 1 or > 100) problems.Add($"{Section}:MaxAttempts {options.MaxAttempts} must be 1-100");
        if (options.BaseDelay <= TimeSpan.Zero) problems.Add($"{Section}:BaseDelay {options.BaseDelay} must be positive");
        if (options.MaxDelay < options.BaseDelay) problems.Add($"{Section}:MaxDelay {options.MaxDelay} must be at least BaseDelay {options.BaseDelay}");
        if (options.SendTimeout < TimeSpan.FromSeconds(1) || options.SendTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{Section}:SendTimeout {options.SendTimeout} must be from 1 s to 10 min");
        }
        if (options.ClaimTimeout <= 2 * options.SendTimeout)
        {
            problems.Add($"{Section}:ClaimTimeout {options.ClaimTimeout} must be more than twice SendTimeout {options.SendTimeout}, or another node sends again what is still being sent");
        }
        if (options.PollInterval <= TimeSpan.Zero) problems.Add($"{Section}:PollInterval {options.PollInterval} must be positive");
        if (options.Retention < TimeSpan.FromDays(1)) problems.Add($"{Section}:Retention {options.Retention} must be at least a day, or keys are forgotten and sent again");
        if (!RecipientParser.TryZone(options.TimeZone ?? NotificationOptions.FallbackTimeZone, out var zone))
        {
            problems.Add($"{Section}:TimeZone '{options.TimeZone}' is not an IANA time zone such as Asia/Shanghai");
        }
        foreach (var (id, recipient) in options.Recipients)
        {
            if (RecipientParser.Parse(id, recipient, zone).Problem is { } problem) problems.Add(problem);
        }
        if (options.Recipients.FirstOrDefault(r => r.Value.Channel == ChannelKind.Email) is { Key: { } mailed }) problems.AddRange(SmtpProblems(options.Smtp, mailed));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> SmtpProblems(SmtpOptions smtp, string recipient)
    {
        const string Path = $"{NotificationOptions.Section}:Smtp";
        if (string.IsNullOrWhiteSpace(smtp.Host)) yield return $"{Path}:Host is required: recipient '{recipient}' is reached by e-mail";
        if (smtp.Port is < 1 or > 65535) yield return $"{Path}:Port {smtp.Port} must be 1-65535";
        if (!Enum.IsDefined(smtp.Security)) yield return $"{Path}:Security must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}";
        if (smtp.From is null || !MailboxAddress.TryParse(smtp.From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return $"{Path}:From '{smtp.From}' must be the sender's e-mail address, e.g. CityBrain <citybrain@example.gov.cn>";
        }
        if (smtp.UserName is not null && string.IsNullOrEmpty(smtp.Password)) yield return $"{Path}:Password is required with UserName '{smtp.UserName}'";
    }
}
