using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>Operations of the runtime: the journal of workflow transitions.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122040000_Operations")]
public sealed class Operations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "WorkflowTransitions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Workflow = table.Column<string>(maxLength: 200, nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                Event = table.Column<string>(maxLength: 200, nullable: false),
                FromState = table.Column<string>(maxLength: 200, nullable: true),
                ToState = table.Column<string>(maxLength: 200, nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                MessageId = table.Column<Guid>(nullable: true),
                Cause = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowTransitions", x => x.Id));
        migrationBuilder.CreateIndex("IX_WorkflowTransitions_InstanceId_OccurredAt", "WorkflowTransitions", ["InstanceId", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("WorkflowTransitions");
    }
}
