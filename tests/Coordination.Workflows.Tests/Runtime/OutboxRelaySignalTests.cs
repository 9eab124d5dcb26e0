using Coordination.Testing;
using Coordination.Workflows.Runtime.Outbox;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>The relay's wake-up: a commit wakes it at once, otherwise it polls on the clock, and a stop ends the wait.</summary>
public sealed class OutboxRelaySignalTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
    private readonly OutboxRelaySignal signal = new();

    [Fact]
    public async Task A_commit_during_the_wait_wakes_the_relay_before_the_poll_interval()
    {
        var waiting = signal.WaitAsync(Poll, clock, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        signal.Notify();

        await waiting.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_commit_before_the_wait_is_not_lost_and_is_consumed_by_one_wait()
    {
        signal.Notify();
        signal.Notify();

        await signal.WaitAsync(Poll, clock, CancellationToken.None).WaitAsync(Bound);

        // Both commits were covered by the look after that wait; the next wait polls.
        var next = signal.WaitAsync(Poll, clock, CancellationToken.None);
        Assert.False(next.IsCompleted);
        clock.Advance(Poll);
        await next.WaitAsync(Bound);
    }

    [Fact]
    public async Task Without_a_commit_the_wait_ends_when_the_poll_interval_has_passed_on_the_clock()
    {
        var waiting = signal.WaitAsync(Poll, clock, CancellationToken.None);
        clock.Advance(Poll / 2);
        Assert.False(waiting.IsCompleted);

        clock.Advance(Poll / 2);

        await waiting.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_stop_ends_the_wait_with_a_cancellation()
    {
        using var stopping = new CancellationTokenSource();
        var waiting = signal.WaitAsync(Poll, clock, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));
    }
}
