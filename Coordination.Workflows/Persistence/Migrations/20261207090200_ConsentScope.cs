using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A consent names what it covers (DOMAIN.md: consent names the parties and the scope). Consents
/// recorded before have none; new ones must say it.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261207090200_ConsentScope")]
public sealed class ConsentScope : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "Scope", table: "SharingBases", maxLength: 500, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("Scope", "SharingBases");
    }
}
