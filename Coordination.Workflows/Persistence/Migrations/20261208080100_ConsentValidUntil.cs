using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A consent may be valid until a date (DOMAIN.md: a consent record has its dates); at the start
/// of the day after, it ends as a withdrawal does, by one timer per such consent
/// (<c>ConsentEndStates</c>). Consents recorded before are valid until withdrawn.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261208080100_ConsentValidUntil")]
public sealed class ConsentValidUntil : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateOnly>(name: "ValidUntil", table: "SharingBases", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "EndsAt", table: "SharingBases", nullable: true);
        migrationBuilder.CreateTable(
            name: "ConsentEndStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                ConcernId = table.Column<Guid>(nullable: false),
                EndsAt = table.Column<DateTime>(nullable: false),
                EndToken = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ConsentEndStates", x => x.CorrelationId));
        migrationBuilder.CreateIndex("IX_ConsentEndStates_ConcernId", "ConsentEndStates", "ConcernId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("ConsentEndStates");
        migrationBuilder.DropColumn("EndsAt", "SharingBases");
        migrationBuilder.DropColumn("ValidUntil", "SharingBases");
    }
}
