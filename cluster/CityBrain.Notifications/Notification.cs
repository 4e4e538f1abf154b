using System.Buffers;

namespace CityBrain.Notifications;

/// <summary>"Tell this person this": one message to one configured recipient. <paramref name="Key"/> makes it idempotent:
/// a recipient is sent a key once, however often it is enqueued (e.g. <c>case-17:dispatched</c>).</summary>
/// <param name="RecipientId">The id of a recipient under <c>Notifications:Recipients</c>.</param>
/// <param name="Link">Where the reader acts on it, e.g. the case in the cockpit; absolute http(s).</param>
public sealed record Notification(string Key, string RecipientId, NotificationSeverity Severity, string Title, string Text, Uri? Link = null)
{
    public const int MaxKeyLength = 200;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4_000;

    /// <summary>Letters, digits and <c>- _ : . @</c>: a key is a URL segment of the admin API, so nothing with a meaning
    /// there.</summary>
    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.@");

    /// <summary>The first thing wrong with this notification, named; null when it can be sent.</summary>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(Key) || Key.Length > MaxKeyLength || Key.AsSpan().ContainsAnyExcept(KeyCharacters))
        {
            return $"notification key '{Key}' must be 1-{MaxKeyLength} of letters, digits, '-', '_', ':', '.' and '@'";
        }
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > MaxTitleLength) return $"notification {Key}: the title must be 1-{MaxTitleLength} characters";
        if (Text is null || Text.Length > MaxTextLength) return $"notification {Key}: the text must be at most {MaxTextLength} characters";
        if (!Enum.IsDefined(Severity)) return $"notification {Key}: severity {(int)Severity} is not one of {string.Join(", ", Enum.GetNames<NotificationSeverity>())}";
        if (Link is not null && !(Link.IsAbsoluteUri && Link.Scheme is "http" or "https"))
        {
            return $"notification {Key}: the link '{Link}' must be an absolute http or https URL";
        }
        return null;
    }
}
