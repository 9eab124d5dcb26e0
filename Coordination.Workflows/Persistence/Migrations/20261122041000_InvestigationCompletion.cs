using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>A finished investigation: when it was finished and what was concluded, so it leaves the managers' overdue lists.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122041000_InvestigationCompletion")]
public sealed class InvestigationCompletion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>("InvestigationCompletedAt", "ConcernStates", nullable: true);
        migrationBuilder.AddColumn<string>("InvestigationConclusion", "ConcernStates", maxLength: 40, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("InvestigationConclusion", "ConcernStates");
        migrationBuilder.DropColumn("InvestigationCompletedAt", "ConcernStates");
    }
}
