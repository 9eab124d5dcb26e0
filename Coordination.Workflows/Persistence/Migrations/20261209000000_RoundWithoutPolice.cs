using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A round may be planned without the police, or go ahead without them after they declined
/// (<see cref="Coordination.Workflows.Inspections.Rounds.InspectionRound.WithPolice"/>); every
/// round there is was planned with them.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261209000000_RoundWithoutPolice")]
public sealed class RoundWithoutPolice : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<bool>(name: "WithPolice", table: "InspectionRounds", nullable: false, defaultValue: true);
        migrationBuilder.AddColumn<string>(name: "WithoutPoliceReason", table: "InspectionRounds", maxLength: 1000, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("WithoutPoliceReason", "InspectionRounds");
        migrationBuilder.DropColumn("WithPolice", "InspectionRounds");
    }
}
