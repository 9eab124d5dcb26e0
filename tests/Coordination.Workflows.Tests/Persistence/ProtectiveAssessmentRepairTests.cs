using Coordination.Testing;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Tests.Persistence;

/// <summary>
/// Migration 20261206030000 gives back the protective assessments recorded after the preliminary
/// decision, which the concern's workflow dropped: the chronology has them, the state did not.
/// </summary>
public sealed class ProtectiveAssessmentRepairTests
{
    private const string Before = "20261206020000_IdempotentRequests";
    private static readonly DateTimeOffset RaisedAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RecordedAt = new(2026, 11, 23, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_protective_assessment_in_the_chronology_but_not_in_the_state_is_restored_on_SQLite()
    {
        using var file = new SqliteFile("repair");
        await AssertRestoredAsync(DatabaseProvider.Sqlite, file.ConnectionString);
    }

    [Fact]
    public async Task A_protective_assessment_in_the_chronology_but_not_in_the_state_is_restored_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync("repair");
        await AssertRestoredAsync(DatabaseProvider.Postgres, database.ConnectionString);
    }

    private static async Task AssertRestoredAsync(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(provider, connectionString);
        var options = builder.Options;
        var (dropped, notDone, done) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var doneAt = RaisedAt.AddHours(2);

        await using (var db = new CoordinationDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }

        var before = new DbContextOptionsBuilder<ConcernStatesBefore>();
        before.UseCoordinationDatabase(provider, connectionString);
        await using (var db = new ConcernStatesBefore(before.Options))
        {
            db.AddRange(State(dropped, "UnderInvestigation", null), State(notDone, "NotOpened", null), State(done, "AwaitingPreliminaryDecision", doneAt));
            db.AddRange(
                CaseEvent.Of(dropped, RecordedAt, "ProtectiveAssessmentDone", CaseEventAudience.SocialServices, "Protective assessment: immediate protection needed."),
                CaseEvent.Of(dropped, RecordedAt.AddHours(1), "ProtectiveAssessmentDone", CaseEventAudience.SocialServices, "Protective assessment: no immediate protection needed."),
                CaseEvent.Of(notDone, RecordedAt, "PreliminaryAssessmentDecided", CaseEventAudience.SocialServices, "Preliminary assessment: NotOpened."),
                CaseEvent.Of(done, doneAt, "ProtectiveAssessmentDone", CaseEventAudience.SocialServices, "Protective assessment: no immediate protection needed."));
            await db.SaveChangesAsync();
        }

        await using (var db = new CoordinationDbContext(options))
        {
            // The repair is the first migration applied after the old schema; later ones may follow it.
            var applied = await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
            Assert.Equal("20261206030000_ProtectiveAssessmentsRecordedAfterTheDecision", applied[0]);
            var states = await db.Set<ConcernState>().AsNoTracking().ToDictionaryAsync(s => s.CorrelationId);
            Assert.Equal(RecordedAt, states[dropped].ProtectiveAssessmentDoneAt);
            Assert.Equal(2, states[dropped].Version);
            Assert.Equal("UnderInvestigation", states[dropped].CurrentState);
            Assert.Null(states[notDone].ProtectiveAssessmentDoneAt);
            Assert.Equal(1, states[notDone].Version);
            Assert.Equal(doneAt, states[done].ProtectiveAssessmentDoneAt);
            Assert.Equal(1, states[done].Version);
        }
    }

    private static ConcernState State(Guid id, string state, DateTimeOffset? protectiveDoneAt) => new()
    {
        CorrelationId = id,
        Version = 1,
        CurrentState = state,
        MunicipalityId = Guid.NewGuid(),
        RaisedAt = RaisedAt,
        ProtectiveAssessmentDue = RaisedAt.AddHours(7),
        ProtectiveAssessmentDoneAt = protectiveDoneAt,
        PreliminaryAssessmentDue = RaisedAt.AddDays(14),
    };

    /// <summary>The model as the schema was before the repair: without the columns later migrations add to the concern's state.</summary>
    private sealed class ConcernStatesBefore(DbContextOptions options) : CoordinationDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            var state = builder.Entity<ConcernState>();
            state.Ignore(s => s.LegalDeadlineTokenId);
            state.Ignore(s => s.NextLegalDeadlineAt);
            state.Ignore(s => s.EscalatedThrough);
            state.Ignore(s => s.InvestigationDueChanges);
        }
    }
}
