using CityBrain.Contracts.Topics;
using MimeKit;

namespace CityBrain.Notifications.Recipients;

/// <summary>Turns configured recipients into <see cref="Recipient"/>s, naming the setting of the first thing wrong with
/// each: the validator reports those problems at start, the directory builds the recipients.</summary>
public static class RecipientParser
{
    public const int MinWebhookSecretLength = 16;

    /// <summary>The recipient, or the problem that keeps it from being one, beginning with the setting's path.</summary>
    public static (Recipient? Recipient, string? Problem) Parse(string id, RecipientOptions options, TimeZoneInfo defaultZone)
    {
        var path = $"{NotificationOptions.Section}:Recipients:{id}";
        if (!Identifier.IsValid(id)) return (null, $"{path}: the id must be 1-{Identifier.MaxLength} lower-case letters, digits, '-' or '_'");
        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.Length > 100) return (null, $"{path}:Name is required (1-100 characters)");
        if (options.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            return (null, $"{path}:Channel is required: one of {string.Join(", ", Enum.GetNames<ChannelKind>())}");
        }
        if (AddressProblem(channel, options.Address) is { } address) return (null, $"{path}:Address {address}");
        if (SecretProblem(channel, options.Secret) is { } secret) return (null, $"{path}:Secret {secret}");
        var zone = defaultZone;
        if (options.TimeZone is { } zoneName && !TryZone(zoneName, out zone))
        {
            return (null, $"{path}:TimeZone '{zoneName}' is not an IANA time zone such as Asia/Shanghai");
        }
        QuietHours? quiet = null;
        if (options.QuietHours is { } hours && !QuietHours.TryParse(hours, zone, out quiet))
        {
            return (null, $"{path}:QuietHours '{hours}' must be two different times HH:mm-HH:mm, e.g. 22:00-07:00");
        }
        return (new Recipient(id, options.Name, channel, options.Address!.Trim(), options.Secret, quiet, options.CriticalBreaksQuietHours), null);
    }

    /// <summary>An IANA zone this machine knows.</summary>
    public static bool TryZone(string name, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found) || !found.HasIanaId) return false;
        zone = found;
        return true;
    }

    private static string? AddressProblem(ChannelKind channel, string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return channel == ChannelKind.Email ? "is required: an e-mail address" : "is required: the URL to post to";
        if (channel == ChannelKind.Email)
        {
            return MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
                ? null
                : $"'{address}' is not an e-mail address";
        }
        // The URL of a robot carries its token: never repeat it in a message.
        return Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : "is not an absolute http or https URL";
    }

    private static string? SecretProblem(ChannelKind channel, string? secret) => channel switch
    {
        ChannelKind.Webhook when secret is null || secret.Length < MinWebhookSecretLength =>
            $"is required for a signed webhook: at least {MinWebhookSecretLength} characters that the receiver also knows",
        ChannelKind.Email or ChannelKind.WeCom when secret is not null =>
            $"is not used by the {channel} channel (a WeCom robot's key is part of its URL): remove it",
        ChannelKind.DingTalk when secret is { Length: 0 } => "is empty: give the robot's SEC… signing secret, or leave it out",
        _ => null,
    };
}
