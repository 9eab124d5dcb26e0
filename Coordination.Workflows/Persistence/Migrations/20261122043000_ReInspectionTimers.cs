using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>The re-inspection state machine: a reminder before the date and an escalation when it passes without a visit.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122043000_ReInspectionTimers")]
public sealed class ReInspectionTimers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "ReInspectionStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                VenueId = table.Column<Guid>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                ReminderToken = table.Column<Guid>(nullable: true),
                DeadlineToken = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ReInspectionStates", x => x.CorrelationId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("ReInspectionStates");
    }
}
