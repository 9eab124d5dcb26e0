using Coordination.Testing;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// Polls for what a workflow does asynchronously after the clock moved, with a bounded timeout.
/// Each poll also nudges the clock by a second: a timer that the scheduler set while the clock
/// was being moved may already be due, and a manual clock fires timers only when it moves.
/// </summary>
internal static class Eventually
{
    public static async Task<T> SatisfiesAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, ManualClock? clock = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        T last;
        do
        {
            last = await read();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(100);
            clock?.Advance(TimeSpan.FromSeconds(1));
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Never happened: {what}. Last seen: {last}");
    }
}
