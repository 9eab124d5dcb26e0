using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>Operations of the runtime: the journal of workflow transitions and the incidents of failed messages.</summary>
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

        migrationBuilder.CreateTable(
            name: "Incidents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Endpoint = table.Column<string>(maxLength: 256, nullable: false),
                InstanceId = table.Column<Guid>(nullable: true),
                MessageId = table.Column<Guid>(nullable: true),
                ConversationId = table.Column<Guid>(nullable: true),
                MessageType = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(maxLength: 256, nullable: false),
                Body = table.Column<string>(nullable: false),
                ExceptionType = table.Column<string>(maxLength: 256, nullable: false),
                ExceptionMessage = table.Column<string>(nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(maxLength: 40, nullable: false),
                RetriedAt = table.Column<DateTime>(nullable: true),
                ResolvedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Incidents", x => x.Id));
        migrationBuilder.CreateIndex("IX_Incidents_Status_OccurredAt", "Incidents", ["Status", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("Incidents");
        migrationBuilder.DropTable("WorkflowTransitions");
    }
}
