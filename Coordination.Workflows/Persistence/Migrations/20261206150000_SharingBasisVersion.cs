using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// Legal bases carry a version (IVersionedRecord), raised on every basis of the concern in force
/// when one is recorded or withdrawn, so that two changes of a concern's sharing at the same
/// moment cannot both be saved.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261206150000_SharingBasisVersion")]
public sealed class SharingBasisVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<int>("Version", "SharingBases", nullable: false, defaultValue: 0);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("Version", "SharingBases");
    }
}
