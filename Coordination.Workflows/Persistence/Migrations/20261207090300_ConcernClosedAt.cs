using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// The close request records the close on the concern itself (Concern.ClosedAt), so requests and
/// work starting meanwhile see it before the concern's workflow has consumed it. Concerns closed
/// before take the time their workflow recorded.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261207090300_ConcernClosedAt")]
public sealed class ConcernClosedAt : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>(name: "ClosedAt", table: "Concerns", nullable: true);
        migrationBuilder.Sql("""
            UPDATE "Concerns" SET "ClosedAt" = (SELECT s."ClosedAt" FROM "ConcernStates" s WHERE s."CorrelationId" = "Concerns"."Id")
            WHERE EXISTS (SELECT 1 FROM "ConcernStates" s WHERE s."CorrelationId" = "Concerns"."Id" AND s."ClosedAt" IS NOT NULL)
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("ClosedAt", "Concerns");
    }
}
