using Coordination.Bench.Backends;
using Coordination.Bench.Workload;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Bench.Measuring;

/// <summary>What the database holds after the passes: every case closed, every task done, no timer left.</summary>
public sealed record FinalCheck(int Cases, int CasesClosed, int Tasks, int TasksDone, int TimersLeft, int InboxRows)
{
    public static async Task<FinalCheck> ReadAsync(BenchBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
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
