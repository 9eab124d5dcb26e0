namespace Coordination.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> that only moves when a test says so. Timers created through it
/// fire when the clock passes their due time, so code that waits on the clock runs at once.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>One second passes, as while a user waits: the scheduler's timers that came due meanwhile fire.</summary>
    public void TickSecond() => Advance(TimeSpan.FromSeconds(1));

    /// <summary>Moves the clock forward and fires every timer that has come due, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate)
        {
            target = now + by;
        }

        while (true)
        {
            ManualTimer? due;
            lock (gate)
            {
                due = timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    now = target;
                    return;
                }

                if (due.DueAt > now)
                {
                    now = due.DueAt;
                }

                due.Advance(target);
            }

            due.Fire();
        }
    }

    /// <summary>
    /// Lets time pass in small steps until the condition holds: background loops that were
    /// between two waits when the clock jumped see it move again, as they would in real life.
    /// </summary>
    public async Task TickUntilAsync(Func<Task<bool>> condition, TimeSpan? step = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold by {GetUtcNow():O} on the test clock.");
            }

            Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Lets time pass on its own while the returned handle is held, should the holder still be
    /// waiting after a second: then a second passes every 10 ms until the handle is disposed.
    /// For a host that is stopping: a library in it may be waiting on this clock to finish its
    /// work (Quartz backs off for a second of this clock after a database deadlock, and the
    /// scheduler cannot stop until it has retried), and a test that has finished moves the clock
    /// no more, so the stop would wait for ever. A stop that needs no time passes none.
    /// </summary>
    public IAsyncDisposable RunFreely()
    {
        var stop = new CancellationTokenSource();
        var running = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                while (!stop.IsCancellationRequested)
                {
                    Advance(TimeSpan.FromSeconds(1));
                    await Task.Delay(10, stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The holder is done.
            }
        });
        return new FreeRun(stop, running);
    }

    /// <summary>Sets the clock to a later instant.</summary>
    public void AdvanceTo(DateTimeOffset instant) => Advance(instant - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Track(ManualTimer timer, bool active)
    {
        lock (gate)
        {
            timers.Remove(timer);
            if (active)
            {
                timers.Add(timer);
            }
        }
    }

    private sealed class FreeRun(CancellationTokenSource stop, Task running) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await running;
            stop.Dispose();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            this.period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                clock.Track(this, active: false);
                return true;
            }

            DueAt = clock.GetUtcNow() + dueTime;
            clock.Track(this, active: true);
            return true;
        }

        // Called under the clock's lock: reschedule a periodic timer or retire a one-shot one.
        // A periodic timer that a jump carries past many periods fires once, as a real timer
        // does after the machine wakes, instead of once per period missed.
        internal void Advance(DateTimeOffset target)
        {
            if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero)
            {
                clock.timers.Remove(this);
                return;
            }

            DueAt += period;
            if (DueAt <= target)
            {
                // Keep the timer's phase: its next tick is the first one after the jump.
                var missed = (target - DueAt).Ticks / period.Ticks;
                DueAt += TimeSpan.FromTicks(period.Ticks * (missed + 1));
            }
        }

        internal void Fire() => callback(state);

        public void Dispose() => clock.Track(this, active: false);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
