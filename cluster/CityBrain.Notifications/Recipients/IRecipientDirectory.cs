namespace CityBrain.Notifications.Recipients;

/// <summary>The configured recipients, by id: code that enqueues notifications checks its configured ids here.</summary>
public interface IRecipientDirectory
{
    IReadOnlyCollection<Recipient> All { get; }

    /// <summary>The recipient of <paramref name="id"/>, or null when none is configured.</summary>
    Recipient? Find(string id);
}
