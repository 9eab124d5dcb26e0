using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// An inspection task has a version, raised by each save, so that two changes of it at the same
/// moment (two answers, an answer and a replanning) cannot both be saved. Tasks start at 0.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261208080200_InspectionTaskVersion")]
public sealed class InspectionTaskVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>(name: "Version", table: "InspectionTasks", nullable: false, defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("Version", "InspectionTasks");
    }
}
