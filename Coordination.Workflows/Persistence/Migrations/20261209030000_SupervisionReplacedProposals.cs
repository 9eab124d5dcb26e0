using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A supervision case keeps each proposal replaced by a harsher one, with its reply time and the
/// licensee's reply, so that a reply to it received in time but entered after it was replaced is
/// recorded against it (ADR 0019). Proposals replaced before were kept only as a line of the venue's
/// history, without their reply time; they get no row, and a reply to one of them is still refused.
/// Erased with the case (cascade).
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261209030000_SupervisionReplacedProposals")]
public sealed class SupervisionReplacedProposals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "SupervisionReplacedProposals",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SupervisionCaseId = table.Column<Guid>(nullable: false),
                ProposedSanction = table.Column<string>(maxLength: 40, nullable: false),
                KommuniceringText = table.Column<string>(maxLength: 4000, nullable: true),
                KommuniceringSentAt = table.Column<DateTime>(nullable: false),
                ReplyDueAt = table.Column<DateTime>(nullable: false),
                Reply = table.Column<string>(maxLength: 4000, nullable: true),
                RepliedAt = table.Column<DateTime>(nullable: true),
                ReplyEnteredAt = table.Column<DateTime>(nullable: true),
                ReplacedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SupervisionReplacedProposals", x => x.Id);
                table.ForeignKey("FK_SupervisionReplacedProposals_SupervisionCases_SupervisionCaseId", x => x.SupervisionCaseId, "SupervisionCases", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SupervisionReplacedProposals_SupervisionCaseId", "SupervisionReplacedProposals", "SupervisionCaseId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("SupervisionReplacedProposals");
    }
}
