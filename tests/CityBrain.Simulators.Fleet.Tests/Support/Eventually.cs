namespace CityBrain.Simulators.Fleet.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; generous, because CI machines are slow and shared.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {seconds} s: {what}");
            await Task.Delay(25);
        }
    }
}
