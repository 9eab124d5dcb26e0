using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>The durable runtime (ADR 0005): outbox messages, inbox records and the relay's lease.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122010000_Runtime")]
public sealed class Runtime : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "OutboxMessages",
            columns: table => new
            {
                SequenceNumber = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                MessageId = table.Column<Guid>(nullable: false),
                ConversationId = table.Column<Guid>(nullable: true),
                CorrelationId = table.Column<Guid>(nullable: true),
                InitiatorId = table.Column<Guid>(nullable: true),
                RequestId = table.Column<Guid>(nullable: true),
                SourceAddress = table.Column<string>(maxLength: 256, nullable: true),
                DestinationAddress = table.Column<string>(maxLength: 256, nullable: false),
                ResponseAddress = table.Column<string>(maxLength: 256, nullable: true),
                FaultAddress = table.Column<string>(maxLength: 256, nullable: true),
                ContentType = table.Column<string>(maxLength: 256, nullable: false),
                MessageType = table.Column<string>(nullable: false),
                Body = table.Column<string>(nullable: false),
                Headers = table.Column<string>(nullable: true),
                Properties = table.Column<string>(nullable: true),
                SentTime = table.Column<DateTime>(nullable: false),
                ExpirationTime = table.Column<DateTime>(nullable: true),
                EnqueueTime = table.Column<DateTime>(nullable: true),
                InboxMessageId = table.Column<Guid>(nullable: true),
                InboxConsumerId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DeliveredAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OutboxMessages", x => x.SequenceNumber));
        migrationBuilder.CreateIndex("IX_OutboxMessages_DeliveredAt_SequenceNumber", "OutboxMessages", ["DeliveredAt", "SequenceNumber"]);

        migrationBuilder.CreateTable(
            name: "InboxStates",
            columns: table => new
            {
                MessageId = table.Column<Guid>(nullable: false),
                ConsumerId = table.Column<Guid>(nullable: false),
                ConsumerType = table.Column<string>(maxLength: 256, nullable: true),
                ConsumedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_InboxStates", x => new { x.MessageId, x.ConsumerId }));
        migrationBuilder.CreateIndex("IX_InboxStates_ConsumedAt", "InboxStates", "ConsumedAt");

        migrationBuilder.CreateTable(
            name: "RuntimeLeases",
            columns: table => new
            {
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Owner = table.Column<string>(maxLength: 200, nullable: true),
                ExpiresAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RuntimeLeases", x => x.Name));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("RuntimeLeases");
        migrationBuilder.DropTable("InboxStates");
        migrationBuilder.DropTable("OutboxMessages");
    }
}
