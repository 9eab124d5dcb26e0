using Coordination.Testing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Tests.Persistence;

/// <summary>
/// Migration 20261206160000 cancels the six-monthly follow-up tasks that closing a supervision
/// case left open, which stayed overdue on the licensing managers' list for good; an open case keeps its own.
/// </summary>
public sealed class FollowUpTaskRepairTests
{
    private const string Before = "20261206150000_SharingBasisVersion";
    private static readonly DateTimeOffset DueAt = new(2027, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ClosedAt = new(2027, 7, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_open_follow_up_task_of_a_closed_supervision_case_is_cancelled_on_SQLite()
    {
        using var file = new SqliteFile("follow-up-repair");
        await AssertCancelledAsync(DatabaseProvider.Sqlite, file.ConnectionString);
    }

    [Fact]
    public async Task The_open_follow_up_task_of_a_closed_supervision_case_is_cancelled_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync("follow-up-repair");
        await AssertCancelledAsync(DatabaseProvider.Postgres, database.ConnectionString);
    }

    private static async Task AssertCancelledAsync(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(provider, connectionString);
        var options = builder.Options;
        var (closed, open) = (Case(SupervisionStatus.Closed, ClosedAt), Case(SupervisionStatus.DecisionFinal, null));
        var (left, held, ongoing) = (Task(closed, InspectionTaskKind.FollowUpVenue), Task(closed, InspectionTaskKind.FollowUpVenue), Task(open, InspectionTaskKind.FollowUpVenue));
        var decision = Task(closed, InspectionTaskKind.DecideSupervisionCase);
        held.Complete(InspectionTaskStatus.Done, DueAt.AddDays(3));

        await using (var db = new CoordinationDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }

        var before = new DbContextOptionsBuilder<SupervisionCasesBefore>();
        before.UseCoordinationDatabase(provider, connectionString);
        await using (var db = new SupervisionCasesBefore(before.Options))
        {
            db.AddRange(closed, open, left, held, ongoing, decision);
            await db.SaveChangesAsync();
        }

        await using (var db = new CoordinationDbContext(options))
        {
            var applied = await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
            Assert.Equal("20261206160000_FollowUpTasksOfClosedCases", applied[0]);
            var tasks = await db.Set<InspectionTask>().AsNoTracking().ToDictionaryAsync(t => t.Id);
            Assert.Equal((InspectionTaskStatus.Cancelled, ClosedAt), (tasks[left.Id].Status, tasks[left.Id].CompletedAt));
            Assert.Equal((InspectionTaskStatus.Done, DueAt.AddDays(3)), (tasks[held.Id].Status, tasks[held.Id].CompletedAt));
            Assert.Equal((InspectionTaskStatus.Open, (DateTimeOffset?)null), (tasks[ongoing.Id].Status, tasks[ongoing.Id].CompletedAt));
            Assert.Equal(InspectionTaskStatus.Open, tasks[decision.Id].Status);
        }
    }

    private static SupervisionCase Case(SupervisionStatus status, DateTimeOffset? closedAt) => new()
    {
        Id = Guid.NewGuid(),
        MunicipalityId = Guid.NewGuid(),
        VenueId = Guid.NewGuid(),
        VisitId = Guid.NewGuid(),
        Status = status,
        OpenedAt = DueAt.AddMonths(-7),
        ClosedAt = closedAt,
    };

    private static InspectionTask Task(SupervisionCase supervision, InspectionTaskKind kind)
    {
        var task = InspectionTask.Create(supervision.MunicipalityId, AgencyKind.LicensingUnit, kind, "Follow up the venue under supervision", DueAt, DueAt.AddMonths(6));
        task.VenueId = supervision.VenueId;
        task.SupervisionCaseId = supervision.Id;
        return task;
    }

    /// <summary>The model as the schema was before the repair: without the columns later migrations add to the supervision case and the task.</summary>
    private sealed class SupervisionCasesBefore(DbContextOptions options) : CoordinationDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            var supervision = builder.Entity<SupervisionCase>();
            supervision.Ignore(c => c.ReplyEnteredAt);
            supervision.Ignore(c => c.AppealEnteredAt);
            builder.Entity<InspectionTask>().Ignore(t => t.Version);
        }
    }
}
