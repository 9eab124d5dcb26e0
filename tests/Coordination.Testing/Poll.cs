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
}
