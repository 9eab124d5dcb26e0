using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// An agency task keeps when it was last reminded, for its agency's inbox. Tasks reminded before
/// keep their count and have no time: which chronology line belongs to which of an agency's tasks
/// on a concern cannot be told apart, so none is guessed.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261207110000_TaskLastRemindedAt")]
public sealed class TaskLastRemindedAt : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>(name: "LastRemindedAt", table: "AgencyTaskStates", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "LastRemindedAt", table: "AgencyTaskStates");
    }
}
