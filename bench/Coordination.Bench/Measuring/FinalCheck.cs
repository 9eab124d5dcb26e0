using Coordination.Bench.Backends;
using Coordination.SyntheticCases;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Bench.Measuring;

/// <summary>What the database holds after the passes: every case closed, every task done, no timer left.</summary>
public sealed record FinalCheck(int Cases, int CasesClosed, int Tasks, int TasksDone, int TimersLeft, int InboxRows)
{
    /// <summary>How long the runtime may take to finish what the last workflows left in flight.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the database once the last cancellations have been consumed: a workflow counts as
    /// done when its case closes, while (on SQLite) its tasks' cancellations may still be on their
    /// way to the timer endpoint. A timer still there after <see cref="Settle"/> is reported.
    /// </summary>
    public static async Task<FinalCheck> ReadAsync(BenchBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var deadline = DateTimeOffset.UtcNow + Settle;
        while (true)
        {
            var check = await ReadOnceAsync(backend);
            if (check.TimersLeft == 0 || DateTimeOffset.UtcNow > deadline)
            {
                return check;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task<FinalCheck> ReadOnceAsync(BenchBackend backend)
    {
        await using var db = backend.CreateDbContext();
        var cases = db.Set<CaseState>().AsNoTracking();
        var tasks = db.Set<TaskState>().AsNoTracking();
        return new FinalCheck(
            await cases.CountAsync(),
            await cases.CountAsync(c => c.CurrentState == "Closed"),
            await tasks.CountAsync(),
            await tasks.CountAsync(t => t.CurrentState == "Done"),
            await Count(db, "qrtz_triggers"),
            await Count(db, "\"InboxStates\""));
    }

    public override string ToString() =>
        $"{CasesClosed}/{Cases} cases closed, {TasksDone}/{Tasks} tasks done, {TimersLeft} timers left, {InboxRows} inbox rows";

    private static Task<int> Count(DbContext db, string table) =>
#pragma warning disable EF1002 // table names are constants of this file
        db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM {table}").SingleAsync();
#pragma warning restore EF1002
}
