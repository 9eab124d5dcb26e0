using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// A concern keeps each extension of its investigation with the deadline it replaced, so the
/// managers' weekly figures judge a past week by the deadline in force then. Extensions made
/// before have no entry: nothing recorded the deadline they replaced (the chronology keeps only the
/// reason), so a week before such an extension is judged by the current deadline, as before.
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261212090000_InvestigationDueChanges")]
public sealed class InvestigationDueChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "InvestigationDueChanges", table: "ConcernStates", nullable: false, defaultValue: "");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "InvestigationDueChanges", table: "ConcernStates");
    }
}
