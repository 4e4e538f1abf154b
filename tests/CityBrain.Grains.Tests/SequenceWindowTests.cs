using CityBrain.Grains.Devices;

namespace CityBrain.Grains.Tests;

public class SequenceWindowTests
{
    [Fact]
    public void Each_sequence_is_accepted_once()
    {
        var window = new SequenceWindow();
        Assert.True(window.TryAccept(0));
        Assert.True(window.TryAccept(1));
        Assert.False(window.TryAccept(1));
        Assert.False(window.TryAccept(0));
    }

    [Fact]
    public void Out_of_order_arrivals_inside_the_window_are_accepted_once()
    {
        var window = new SequenceWindow();
        foreach (var s in new long[] { 10, 14, 11, 13, 12 }) Assert.True(window.TryAccept(s));
        foreach (var s in new long[] { 10, 11, 12, 13, 14 }) Assert.False(window.TryAccept(s));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(130)]
    [InlineData(255)]
    [InlineData(256)]
    public void Jumps_keep_what_stays_inside_the_window(int jump)
    {
        var window = new SequenceWindow();
        for (var s = 100; s < 110; s++) window.TryAccept(s);

        Assert.True(window.TryAccept(109 + jump));

        for (var s = 100; s < 110; s++)
        {
            // Inside the window a repeat is recognised; beyond it everything counts as already seen.
            Assert.False(window.TryAccept(s));
        }
        for (var s = 110; s < 109 + jump; s++)
        {
            var insideWindow = 109 + jump - s <= SequenceWindow.Width;
            Assert.Equal(insideWindow, window.TryAccept(s));
        }
    }

    [Fact]
    public void A_sequence_older_than_the_window_counts_as_seen()
    {
        var window = new SequenceWindow();
        window.TryAccept(1_000);
        Assert.False(window.TryAccept(1_000 - SequenceWindow.Width - 1));
        Assert.True(window.TryAccept(1_000 - SequenceWindow.Width));
    }
}
