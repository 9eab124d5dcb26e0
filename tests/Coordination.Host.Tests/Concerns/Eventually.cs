namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// Polls for what the workflows do asynchronously: short intervals, a bounded wait, never a
/// sleep standing in for time. Between polls the clock may tick a second, as it would while a
/// user waits: the scheduler's own timers then run as they do in production.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, string what, Action? tick = null)
    {
        var deadline = DateTime.UtcNow + Timeout;
        T last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Timeout.TotalSeconds} s for {what}; last seen: {last}");
            }

            await Task.Delay(100);
            tick?.Invoke();
            last = await read();
        }

        return last;
    }
}
