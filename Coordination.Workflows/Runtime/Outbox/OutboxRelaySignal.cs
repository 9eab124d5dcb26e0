namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// Wakes this process's relay when a transaction with outbox rows commits, so delivery does
/// not wait for the next poll. Other hosts' rows are found by polling.
/// </summary>
/// <remarks>
/// A task completion source, not a semaphore: a semaphore disposed with the host's services
/// while the relay waited on it never completed that wait, even when cancelled, so a host
/// whose services went while it stopped waited its whole shutdown timeout for the relay.
/// </remarks>
public sealed class OutboxRelaySignal
{
    private TaskCompletionSource pending = NewPending();

    /// <summary>Wakes the relay, or makes its next wait return at once; commits before it are then covered.</summary>
    public void Notify() => Volatile.Read(ref pending).TrySetResult();

    /// <summary>Returns when notified or when <paramref name="timeout"/> has passed on <paramref name="clock"/>.</summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref pending);
        try
        {
            await current.Task.WaitAsync(timeout, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A poll: rows committed by other hosts are found without a signal.
        }

        // Consumed before the relay looks: a commit notifying from now on wakes the next wait,
        // and one that notified before this is covered by the look that follows.
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref pending, NewPending(), current);
        }
    }

    private static TaskCompletionSource NewPending() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
