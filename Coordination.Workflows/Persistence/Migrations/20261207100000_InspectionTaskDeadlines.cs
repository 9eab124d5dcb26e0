using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// The due-time escalation of inspection tasks without a workflow of their own (a round to plan
/// again, a venue under supervision to follow up): one timer per open task with a due time. The
/// tasks already open get theirs at the next start (InspectionTaskDeadlineRepair), not here: the
/// timer lives in Quartz's store, which on SQLite only the timer endpoint writes.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261207100000_InspectionTaskDeadlines")]
public sealed class InspectionTaskDeadlines : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "InspectionTaskDeadlineStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                DeadlineToken = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_InspectionTaskDeadlineStates", x => x.CorrelationId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("InspectionTaskDeadlineStates");
    }
}
