using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>One-time links with which a user sets their password (<see cref="Coordination.Workflows.Identity.PasswordLink"/>).</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261206080000_PasswordLinks")]
public sealed class PasswordLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "PasswordLinks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                IssuedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                IssuedBy = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                UsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PasswordLinks", x => x.Id);
                table.ForeignKey("FK_PasswordLinks_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_PasswordLinks_TokenHash", "PasswordLinks", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_PasswordLinks_UserId", "PasswordLinks", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("PasswordLinks");
    }
}
