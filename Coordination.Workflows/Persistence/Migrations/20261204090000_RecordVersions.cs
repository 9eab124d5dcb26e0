using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>Rounds, visits and supervision cases carry a version, so that two simultaneous changes cannot both be saved (IVersionedRecord).</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261204090000_RecordVersions")]
public sealed class RecordVersions : Migration
{
    private static readonly string[] Tables = ["InspectionRounds", "Visits", "SupervisionCases"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in Tables)
        {
            migrationBuilder.AddColumn<int>("Version", table, nullable: false, defaultValue: 0);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in Tables)
        {
            migrationBuilder.DropColumn("Version", table);
        }
    }
}
