using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>
/// Texts composed from what a user typed get room for what is added to it: a chronology entry is a
/// prefix ("Concern closed: ", "Task declined: ") and up to 1,000 typed characters, and a plan
/// action's task is titled with the action's text of up to 1,000. At their old lengths (1,000 and
/// 300) PostgreSQL refused the longest of them and the request failed. SQLite does not hold text to
/// a declared length, so only PostgreSQL's columns change (altering a column in SQLite would
/// rebuild the table for nothing).
/// </summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261206004100_LongerCaseTexts")]
public sealed class LongerCaseTexts : Migration
{
    private const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider == PostgreSql)
        {
            migrationBuilder.AlterColumn<string>(name: "Text", table: "CaseEvents", maxLength: 2000, nullable: false, oldClrType: typeof(string), oldMaxLength: 1000);
            migrationBuilder.AlterColumn<string>(name: "Title", table: "AgencyTaskStates", maxLength: 1000, nullable: false, oldClrType: typeof(string), oldMaxLength: 300);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider == PostgreSql)
        {
            migrationBuilder.AlterColumn<string>(name: "Text", table: "CaseEvents", maxLength: 1000, nullable: false, oldClrType: typeof(string), oldMaxLength: 2000);
            migrationBuilder.AlterColumn<string>(name: "Title", table: "AgencyTaskStates", maxLength: 300, nullable: false, oldClrType: typeof(string), oldMaxLength: 1000);
        }
    }
}
