namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// Wakes this process's relay when a transaction with outbox rows commits, so delivery does
/// not wait for the next poll. Other hosts' rows are found by polling.
/// </summary>
public sealed class OutboxRelaySignal : IDisposable
{
    private readonly SemaphoreSlim pending = new(0, 1);

    public void Notify()
    {
        // Already signalled: the relay will look once, which covers both commits. Checked first
        // because this runs after every commit, and a full semaphore answers Release by throwing.
        if (pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit signalled between the check and the release.
        }
    }

    /// <summary>Returns when notified or when <paramref name="timeout"/> has passed on <paramref name="clock"/>.</summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task signalled = pending.WaitAsync(done.Token);
        var elapsed = Task.Delay(timeout, clock, done.Token);
        await Task.WhenAny(signalled, elapsed);
        await done.CancelAsync();
        await signalled.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await elapsed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose() => pending.Dispose();
}
