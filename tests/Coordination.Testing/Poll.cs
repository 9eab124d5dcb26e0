namespace Coordination.Testing;

/// <summary>Waits, in short real-time steps and within a bound, for what the runtime does asynchronously.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s: {what}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Reads until the value satisfies the condition and returns it; fails with the last value
    /// seen. <paramref name="betweenReads"/> runs between reads, e.g. to tick a manual clock a
    /// second as it would tick while a user waits, so timers the scheduler set meanwhile fire.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string what, Action? betweenReads = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        var last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s: {what}; last seen: {last}");
            }

            await Task.Delay(100);
            betweenReads?.Invoke();
            last = await read();
        }

        return last;
    }
}
