using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// Outbox rows name the workflow instance that wrote them, so the relay can deliver different
/// instances' messages concurrently while keeping each instance's in order.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122070000_OutboxPartitions")]
public sealed class OutboxPartitions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<Guid>(name: "WorkflowInstanceId", table: "OutboxMessages", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "WorkflowInstanceId", table: "OutboxMessages");
    }
}
