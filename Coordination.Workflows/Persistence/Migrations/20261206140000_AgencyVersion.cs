using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// Agencies carry a version (IVersionedRecord), raised when a manager of the agency is removed, so
/// that two removals of its last two managers at the same moment cannot both be saved.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261206140000_AgencyVersion")]
public sealed class AgencyVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>("Version", "Agencies", nullable: false, defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("Version", "Agencies");
    }
}
