using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A municipality's inspection settings say for how many days after the appeal window ended an
/// appeal received in time may still be entered (ADR 0019); stored settings take the default, 30.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261209031000_LateAppealEntryDays")]
public sealed class LateAppealEntryDays : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>(name: "LateAppealEntryDays", table: "InspectionSettings", nullable: false, defaultValue: 30);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("LateAppealEntryDays", "InspectionSettings");
    }
}
