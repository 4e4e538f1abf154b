using Microsoft.Extensions.Logging;

namespace CityBrain.Grains.Hours;

/// <summary>Tells a place's parent which of its hourly shares changed, each notice leaving the queue only once the
/// parent took it. A notice that failed is sent again; one sent twice only makes the parent sum an hour again.</summary>
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
                logger.LogWarning(ex, "{From} could not tell {To} of {Count} changed hourly shares (first: {Hour}); it tries again shortly",
                    from, next.To, queue.Count, next.Change.Hour);
                return false;
            }
            queue.RemoveAt(0);
            taken();
        }
        return true;
    }
}
