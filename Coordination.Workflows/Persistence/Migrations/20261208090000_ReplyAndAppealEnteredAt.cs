using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A supervision case keeps when the licensee's reply and appeal were entered beside when they were
/// received, so that one received in time and entered after its timer fired says both. Replies
/// entered before were stamped with the time of entry, which both columns then held; appeals were
/// stamped with the time received, so when they were entered is not known and stays empty.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261208090000_ReplyAndAppealEnteredAt")]
public sealed class ReplyAndAppealEnteredAt : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>(name: "ReplyEnteredAt", table: "SupervisionCases", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "AppealEnteredAt", table: "SupervisionCases", nullable: true);
        migrationBuilder.Sql("""UPDATE "SupervisionCases" SET "ReplyEnteredAt" = "RepliedAt" WHERE "RepliedAt" IS NOT NULL""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("AppealEnteredAt", "SupervisionCases");
        migrationBuilder.DropColumn("ReplyEnteredAt", "SupervisionCases");
    }
}
