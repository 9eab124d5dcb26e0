using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// An agency task keeps from when it is reminded: the offer's lead before its deadline. Tasks open
/// before it was kept have none; their timer sets it from the municipality's routing rules when
/// it next fires (<c>AgencyTaskStateMachine</c>), so they stop being reminded daily for months.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261210090000_TaskRemindFrom")]
public sealed class TaskRemindFrom : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>(name: "RemindFrom", table: "AgencyTaskStates", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "RemindFrom", table: "AgencyTaskStates");
    }
}
