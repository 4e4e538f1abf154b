using CityBrain.Notifications.Delivery;

namespace CityBrain.Notifications.Tests.Delivery;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(0.0, new[] { 5, 10, 20, 40, 50, 50 })]
    [InlineData(1.0, new[] { 10, 20, 40, 80, 100, 100 })]
    public void Waits_double_up_to_the_maximum_and_jitter_draws_between_half_and_all_of_it(double draw, int[] seconds)
    {
        var policy = new RetryPolicy(8, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(100), () => draw);

        Assert.Equal(seconds.Select(s => TimeSpan.FromSeconds(s)), Enumerable.Range(1, seconds.Length).Select(policy.DelayAfter));
    }

    [Fact]
    public void The_attempts_are_exhausted_at_the_configured_count_and_a_very_late_failure_still_waits_the_maximum()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

        Assert.Equal([false, false, true], new[] { 1, 2, 3 }.Select(policy.IsExhausted));
        Assert.Equal(TimeSpan.FromHours(1), policy.Ceiling(1_000));
    }
}
