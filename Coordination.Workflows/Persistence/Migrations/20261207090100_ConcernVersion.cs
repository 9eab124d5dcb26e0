using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// Concerns carry a version (IVersionedRecord), raised by every change of their sharing, so that
/// two first legal bases recorded at the same moment cannot both be saved and each offer the same
/// party a task.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261207090100_ConcernVersion")]
public sealed class ConcernVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>("Version", "Concerns", nullable: false, defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("Version", "Concerns");
    }
}
