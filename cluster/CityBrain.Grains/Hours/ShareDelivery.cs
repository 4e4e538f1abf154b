using Microsoft.Extensions.Logging;

namespace CityBrain.Grains.Hours;

/// <summary>Hands a place's hourly shares to its parent in the order they were closed, each leaving the queue only
/// once the parent took it. Each revision of an hour takes back the one before it, so a share that failed is sent
/// again rather than lost or overtaken: otherwise the parent would later take back a share it never had.</summary>
internal static class ShareDelivery
{
    /// <summary>Sends what is queued; false when a send failed and the rest wait for the next attempt.</summary>
    public static async Task<bool> DeliverAsync(List<PendingShare> queue, Func<PendingShare, Task> send, Action taken, ILogger logger, string from)
    {
        while (queue.Count > 0)
        {
            var next = queue[0];
            try
            {
                await send(next);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "{From} could not hand {Count} hourly shares to {To} (first: {Hour}); they are sent again shortly",
                    from, queue.Count, next.To, next.Contribution.Hour);
                return false;
            }
            queue.RemoveAt(0);
            taken();
        }
        return true;
    }
}
