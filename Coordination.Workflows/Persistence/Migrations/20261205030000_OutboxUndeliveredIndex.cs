using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// The relay's scan reads the rows still to send through an index of those rows alone. With only
/// (DeliveredAt, SequenceNumber), PostgreSQL walked the primary key past every delivered row kept for
/// the inbox window, so each poll grew with the table.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261205030000_OutboxUndeliveredIndex")]
public sealed class OutboxUndeliveredIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(
            name: "IX_OutboxMessages_Undelivered",
            table: "OutboxMessages",
            column: "SequenceNumber",
            filter: "\"DeliveredAt\" IS NULL AND \"SetAsideAt\" IS NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_OutboxMessages_Undelivered", table: "OutboxMessages");
    }
}
