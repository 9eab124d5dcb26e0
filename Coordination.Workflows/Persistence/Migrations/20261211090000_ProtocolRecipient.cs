using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A visit keeps the venue and licensee its protocol named when it was sent, so the sent protocol
/// does not change with the register. Protocols sent before this are left without: nothing
/// recorded what they named, and the register as it reads today is not that, so they keep being
/// shown from the register.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261211090000_ProtocolRecipient")]
public sealed class ProtocolRecipient : Migration
{
    private static readonly (string Name, int Length)[] Columns =
        [("SentVenueName", 200), ("SentAddress", 200), ("SentPostalTown", 100), ("SentLicenseeName", 200), ("SentOrganisationNumber", 20)];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var (name, length) in Columns)
        {
            migrationBuilder.AddColumn<string>(name: name, table: "Visits", maxLength: length, nullable: true);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var (name, _) in Columns)
        {
            migrationBuilder.DropColumn(name: name, table: "Visits");
        }
    }
}
