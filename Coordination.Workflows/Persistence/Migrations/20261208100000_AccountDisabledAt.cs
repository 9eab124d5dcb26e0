using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// An administrator disables an account (<see cref="Coordination.Workflows.Identity.CoordinationUser.DisabledAt"/>,
/// ADR 0020); every account there is stays active.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261208100000_AccountDisabledAt")]
public sealed class AccountDisabledAt : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>(name: "DisabledAt", table: "AspNetUsers", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("DisabledAt", "AspNetUsers");
    }
}
