using Microsoft.Extensions.Options;

namespace CityBrain.Notifications.Recipients;

/// <summary>The recipients of <see cref="NotificationOptions"/>, parsed once; the options are validated at start, so a
/// recipient that does not parse here is a bug.</summary>
public sealed class RecipientDirectory : IRecipientDirectory
{
    private readonly Dictionary<string, Recipient> _recipients;

    public RecipientDirectory(IOptions<NotificationOptions> options)
    {
        var zone = options.Value.DefaultZone();
        _recipients = options.Value.Recipients.ToDictionary(r => r.Key, r => RecipientParser.Parse(r.Key, r.Value, zone) switch
        {
            ({ } recipient, _) => recipient,
            (_, var problem) => throw new InvalidOperationException(problem),
        }, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Recipient> All => _recipients.Values;

    public Recipient? Find(string id) => _recipients.GetValueOrDefault(id);
}
