using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>Requests sent with an idempotency key and their responses, kept for a day (<see cref="Requests.IdempotentRequest"/>).</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261206020000_IdempotentRequests")]
public sealed class IdempotentRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "IdempotentRequests",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Method = table.Column<string>(maxLength: 10, nullable: false),
                Target = table.Column<string>(maxLength: 2000, nullable: false),
                Fingerprint = table.Column<string>(maxLength: 64, nullable: false),
                Access = table.Column<string>(maxLength: 64, nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                CompletedAt = table.Column<DateTime>(nullable: true),
                StatusCode = table.Column<int>(nullable: true),
                ContentType = table.Column<string>(maxLength: 256, nullable: true),
                Location = table.Column<string>(maxLength: 2000, nullable: true),
                Body = table.Column<byte[]>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_IdempotentRequests", x => new { x.UserId, x.Key }));
        migrationBuilder.CreateIndex("IX_IdempotentRequests_StartedAt", "IdempotentRequests", "StartedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("IdempotentRequests");
    }
}
