using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// Cancels the six-monthly follow-up tasks left open on supervision cases that were closed: closing
/// a case did not cancel them, so the last one stayed overdue on the licensing managers' list for
/// good. Cancelled when the case closed (its creation time for a case closed before cases kept
/// that). Open cases keep theirs: their follow-up is still to be held, which completes them all.
/// No schema change.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261206160000_FollowUpTasksOfClosedCases")]
public sealed class FollowUpTasksOfClosedCases : Migration
{
    private const string ClosedCase = """
        FROM "SupervisionCases" AS c
        WHERE c."Id" = "InspectionTasks"."SupervisionCaseId" AND c."Status" = 'Closed'
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"""
            UPDATE "InspectionTasks"
            SET "Status" = 'Cancelled', "CompletedAt" = COALESCE((SELECT c."ClosedAt" {ClosedCase}), "CreatedAt")
            WHERE "Kind" = 'FollowUpVenue' AND "Status" = 'Open' AND EXISTS (SELECT 1 {ClosedCase});
            """);
    }

    /// <summary>Nothing to undo: a closed case has no follow-up to hold.</summary>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
    }
}
