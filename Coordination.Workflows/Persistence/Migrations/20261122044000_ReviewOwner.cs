using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>A follow-up review has an owner: the member of the coordinating agency a manager gave it to.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122044000_ReviewOwner")]
public sealed class ReviewOwner : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<Guid>(name: "OwnerUserId", table: "ReviewStates", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "OwnerUserId", table: "ReviewStates");
    }
}
