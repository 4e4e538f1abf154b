using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Edge.Sensors.Tests;

/// <summary>Chip time for tests: a fake clock advanced in small steps while a driver operation runs, so a driver that
/// waits seconds for a chip finishes in milliseconds, and the emulator sees exactly the waits the driver made.</summary>
public sealed class ChipClock : FakeTimeProvider
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    public ChipClock() : base(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Runs <paramref name="operation"/> to its end in chip time.</summary>
    /// <remarks>Runs without xunit's synchronisation context: under one, the runtime queues every continuation that a
    /// timer completes to the thread pool, and the clock would race ahead of the driver.</remarks>
    /// <exception cref="TimeoutException">It still ran after an hour of chip time: something waits without a deadline.</exception>
    public Task<T> Run<T>(Func<ValueTask<T>> operation)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var task = operation().AsTask();
            var limit = GetUtcNow() + TimeSpan.FromHours(1);
            while (!task.IsCompleted)
            {
                if (GetUtcNow() > limit) throw new TimeoutException("the driver still waited after an hour of chip time");
                LetQueuedWorkRun();
                Advance(Step);
            }
            return task;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>Before time moves on, the continuations already queued (a chip's answer handed to the driver on a
    /// thread-pool thread) get a moment to run: on a loaded machine the clock would otherwise race past the driver's
    /// deadline while the answer waits in the queue. Bounded, as other tests keep the pool busy too.</summary>
    private static void LetQueuedWorkRun()
    {
        for (var spin = 0; spin < 200 && ThreadPool.PendingWorkItemCount > 0; spin++) Thread.Yield();
    }

    /// <summary>Lets <paramref name="duration"/> of chip time pass between driver operations.</summary>
    /// <remarks>Without xunit's synchronisation context, for the reason <see cref="Run{T}"/> gives: a read that a UART
    /// driver left waiting on its emulator must catch up now, not on a thread-pool thread while the next
    /// <see cref="Run{T}"/> already races the clock past the driver's deadline.</remarks>
    public void Pass(TimeSpan duration)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            Advance(duration);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>How much chip time <paramref name="operation"/> took, with its result.</summary>
    public async Task<(T Result, TimeSpan Took)> Timed<T>(Func<ValueTask<T>> operation)
    {
        var start = GetUtcNow();
        var result = await Run(operation);
        return (result, GetUtcNow() - start);
    }
}
