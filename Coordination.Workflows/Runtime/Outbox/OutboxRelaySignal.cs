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
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the relay will look once, which covers both commits.
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
