using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A round visits each of its venues once. The API checked for an earlier visit before adding
/// one, so requests sent at the same moment all passed the check and each stored a visit, a
/// protocol task and history entries; the unique index lets one of them through. A database that
/// already holds two visits of one venue in one round stops this migration: remove the extra
/// visit (with its protocol task and history entries) and migrate again.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261205231000_VisitOncePerRoundAndVenue")]
public sealed class VisitOncePerRoundAndVenue : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(
            name: "IX_Visits_RoundId_VenueId",
            table: "Visits",
            columns: ["RoundId", "VenueId"],
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_Visits_RoundId_VenueId", table: "Visits");
    }
}
