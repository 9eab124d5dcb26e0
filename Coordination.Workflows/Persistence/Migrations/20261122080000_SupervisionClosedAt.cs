using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>A supervision case records when it was closed: its retention period is counted from then.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122080000_SupervisionClosedAt")]
public sealed class SupervisionClosedAt : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>(name: "ClosedAt", table: "SupervisionCases", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_SupervisionCases_ClosedAt", table: "SupervisionCases", column: "ClosedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_SupervisionCases_ClosedAt", table: "SupervisionCases");
        migrationBuilder.DropColumn(name: "ClosedAt", table: "SupervisionCases");
    }
}
