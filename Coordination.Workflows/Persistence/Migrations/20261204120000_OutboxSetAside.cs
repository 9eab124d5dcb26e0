using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>An outbox row the relay cannot send as stored is set aside as an incident instead of being tried for ever (ADR 0015).</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261204120000_OutboxSetAside")]
public sealed class OutboxSetAside : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateTime>(name: "SetAsideAt", table: "OutboxMessages", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "SetAsideAt", table: "OutboxMessages");
    }
}
