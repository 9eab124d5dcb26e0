using Coordination.Testing;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Tests.Persistence;

/// <summary>
/// Migration 20261207090300 puts the close on the concern itself; a concern closed before takes
/// the time its workflow recorded, so requests that check the concern see it closed, and an open
/// one stays open.
/// </summary>
public sealed class ConcernClosedAtBackfillTests
{
    private const string Before = "20261207090200_ConsentScope";
    private static readonly DateTimeOffset RaisedAt = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ClosedAt = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_concern_closed_before_the_migration_is_closed_at_the_time_its_workflow_recorded_on_SQLite()
    {
        using var file = new SqliteFile("concern-closed-at");
        await AssertBackfilledAsync(DatabaseProvider.Sqlite, file.ConnectionString);
    }

    [Fact]
    public async Task A_concern_closed_before_the_migration_is_closed_at_the_time_its_workflow_recorded_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync("concern-closed-at");
        await AssertBackfilledAsync(DatabaseProvider.Postgres, database.ConnectionString);
    }

    private static async Task AssertBackfilledAsync(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(provider, connectionString);
        var options = builder.Options;
        await using (var db = new CoordinationDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }

        var (closed, open) = (Concern(), Concern());
        var before = new DbContextOptionsBuilder<ConcernsBefore>();
        before.UseCoordinationDatabase(provider, connectionString);
        await using (var db = new ConcernsBefore(before.Options))
        {
            db.AddRange(closed, open, State(closed, "Closed", ClosedAt), State(open, "Shared", null));
            await db.SaveChangesAsync();
        }

        await using (var db = new CoordinationDbContext(options))
        {
            var applied = await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
            Assert.Equal("20261207090300_ConcernClosedAt", applied[0]);
            var closedAt = await db.Set<Concern>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ClosedAt);
            Assert.Equal(ClosedAt, closedAt[closed.Id]);
            Assert.Null(closedAt[open.Id]);
        }
    }

    private static Concern Concern() => new()
    {
        Id = Guid.NewGuid(),
        MunicipalityId = Guid.NewGuid(),
        BirthDate = new DateOnly(2012, 3, 15),
        School = "Älvby skola",
        Categories = [ConcernCategory.Truancy],
        Urgency = ConcernUrgency.Normal,
        Description = "Often absent.",
        GuardianKnowledge = "The mother knows.",
        ReporterUserId = Guid.NewGuid(),
        ReporterAgencyId = Guid.NewGuid(),
        RaisedAt = RaisedAt,
    };

    private static ConcernState State(Concern concern, string state, DateTimeOffset? closedAt) => new()
    {
        CorrelationId = concern.Id,
        CurrentState = state,
        MunicipalityId = concern.MunicipalityId,
        RaisedAt = RaisedAt,
        ProtectiveAssessmentDue = RaisedAt.AddDays(1),
        PreliminaryAssessmentDue = RaisedAt.AddDays(14),
        ClosedAt = closedAt,
    };

    /// <summary>The model as the schema was before the migration: the concern without its close, its state without the columns later migrations add.</summary>
    private sealed class ConcernsBefore(DbContextOptions options) : CoordinationDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.Entity<Concern>().Ignore(c => c.ClosedAt);
            builder.Entity<ConcernState>().Ignore(s => s.InvestigationDueChanges);
        }
    }
}
