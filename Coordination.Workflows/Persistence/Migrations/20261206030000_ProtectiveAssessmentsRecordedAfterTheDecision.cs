using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// Gives back the protective assessments the concern's workflow dropped: one recorded after the
/// preliminary decision was answered 204 and written to the chronology, but the workflow took it
/// only while awaiting it, so <c>ProtectiveAssessmentDoneAt</c> stayed empty and the concern
/// stayed overdue for good. The time is the first chronology entry of the assessment, the time
/// the request recorded it. No schema change; the version moves on as for any change of a saga row.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261206030000_ProtectiveAssessmentsRecordedAfterTheDecision")]
public sealed class ProtectiveAssessmentsRecordedAfterTheDecision : Migration
{
    private const string Recorded = """
        FROM "CaseEvents" AS e
        WHERE e."ConcernId" = "ConcernStates"."CorrelationId" AND e."Kind" = 'ProtectiveAssessmentDone'
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"""
            UPDATE "ConcernStates"
            SET "ProtectiveAssessmentDoneAt" = (SELECT MIN(e."At") {Recorded}), "Version" = "Version" + 1
            WHERE "ProtectiveAssessmentDoneAt" IS NULL AND EXISTS (SELECT 1 {Recorded});
            """);
    }

    /// <summary>Nothing to undo: the times restored are the ones the caseworkers recorded.</summary>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
    }
}
