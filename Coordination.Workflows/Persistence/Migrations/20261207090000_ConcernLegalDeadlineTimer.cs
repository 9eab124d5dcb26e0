using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A concern keeps one timer on its next legal limit not yet met (ConcernStateMachine): its token,
/// its time, and how far limits have been escalated. Open concerns raised before this have no
/// timer; the host sets theirs at start (Concerns/LegalDeadlineResumption).
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261207090000_ConcernLegalDeadlineTimer")]
public sealed class ConcernLegalDeadlineTimer : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<Guid>(name: "LegalDeadlineTokenId", table: "ConcernStates", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "NextLegalDeadlineAt", table: "ConcernStates", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "EscalatedThrough", table: "ConcernStates", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("EscalatedThrough", "ConcernStates");
        migrationBuilder.DropColumn("NextLegalDeadlineAt", "ConcernStates");
        migrationBuilder.DropColumn("LegalDeadlineTokenId", "ConcernStates");
    }
}
