using CityBrain.Ingest.Broker;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Tests.Broker;

public class PasswordCheckGateTests
{
    [Fact]
    public async Task Checks_beyond_the_concurrency_wait_and_beyond_the_waiting_limit_are_turned_away_unchecked()
    {
        var gate = new PasswordCheckGate(Options.Create(new PasswordCheckOptions { Concurrency = 1, MaxWaiting = 1 }));
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => gate.CheckAsync(() =>
        {
            started.Set();
            release.Wait();
            return true;
        }, default));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        var secondRan = false;

        var second = gate.CheckAsync(() => secondRan = true, default);
        var third = await gate.CheckAsync(() => throw new InvalidOperationException("must not run"), default);

        Assert.False(second.IsCompleted, "the second check waits while the only slot is taken");
        Assert.Null(third);
        release.Set();
        Assert.True(await first);
        Assert.True(await second);
        Assert.True(secondRan);
        Assert.False(await gate.CheckAsync(() => false, default));
    }
}
