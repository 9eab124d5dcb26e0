using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A legal basis records the joint-work tasks it offered, so that a basis recorded before such a
/// task exists does not offer the party a second one. Bases recorded before have none: their
/// offers were consumed long ago, and their tasks are found as tasks.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261208080000_SharingBasisOffers")]
public sealed class SharingBasisOffers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "OfferedTasks", table: "SharingBases", maxLength: 1000, nullable: false, defaultValue: "");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("OfferedTasks", "SharingBases");
    }
}
