using Coordination.Workflows.Runtime.Inbox;
using Coordination.Workflows.Runtime.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Tests.Runtime.Crash;

/// <summary>What the crash host's database says about the workflows: counted, never inferred from logs.</summary>
public sealed record CrashCounts(
    int Cases,
    int CasesClosed,
    int CasesWithOpenTasksLeft,
    int Tasks,
    int TasksDone,
    int AgencyTaskRecords,
    int TasksRecordedByAgency,
    int CasesWithoutExactlyThreeAgencyTasks,
    int ClosureNotices,
    int CasesNotified,
    IReadOnlyDictionary<string, int> InboxByConsumer,
    int UndeliveredOutboxRows,
    int TimersLeft)
{
    public int InboxRows => InboxByConsumer.Values.Sum();

    public static async Task<CrashCounts> ReadAsync(CrashBackend backend)
    {
        await using var db = backend.CreateDbContext();
        var cases = db.Cases.AsNoTracking();
        var tasks = db.Tasks.AsNoTracking();
        var records = db.AgencyTasks.AsNoTracking();
        var notices = db.ClosureNotices.AsNoTracking();
        var perCase = await records.GroupBy(r => r.CaseId).Select(g => g.Count()).ToListAsync();
        var inbox = await db.Set<InboxState>().AsNoTracking()
            .GroupBy(i => i.ConsumerType)
            .Select(g => new { Consumer = g.Key, Count = g.Count() })
            .ToListAsync();
        return new CrashCounts(
            await cases.CountAsync(),
            await cases.CountAsync(c => c.CurrentState == "Closed"),
            await cases.CountAsync(c => c.CurrentState == "Closed" && c.OpenTasks != 0),
            await tasks.CountAsync(),
            await tasks.CountAsync(t => t.CurrentState == "Done"),
            await records.CountAsync(),
            await records.Select(r => r.TaskId).Distinct().CountAsync(),
            (await cases.CountAsync()) - perCase.Count(n => n == 3),
            await notices.CountAsync(),
            await notices.Select(n => n.CaseId).Distinct().CountAsync(),
            inbox.ToDictionary(i => ShortName(i.Consumer), i => i.Count),
            await db.Set<OutboxMessage>().CountAsync(m => m.DeliveredAt == null),
#pragma warning disable EF1002 // a constant table name
            await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM qrtz_triggers").SingleAsync());
#pragma warning restore EF1002
    }

    public override string ToString() =>
        $"cases {CasesClosed}/{Cases} closed ({CasesWithOpenTasksLeft} closed with open tasks), tasks {TasksDone}/{Tasks} done, " +
        $"agency task records {AgencyTaskRecords} for {TasksRecordedByAgency} tasks ({CasesWithoutExactlyThreeAgencyTasks} cases without exactly 3), " +
        $"closure notices {ClosureNotices} for {CasesNotified} cases, inbox {InboxRows} [{string.Join(", ", InboxByConsumer.OrderBy(i => i.Key).Select(i => $"{i.Key}: {i.Value}"))}], " +
        $"undelivered outbox rows {UndeliveredOutboxRows}, timers left {TimersLeft}";

    private static string ShortName(string? consumerType) =>
        consumerType is null ? "(none)" : consumerType[(consumerType.LastIndexOfAny(['.', '+']) + 1)..];
}
