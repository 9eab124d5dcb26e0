using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.SyntheticCases;

public sealed class CaseStateMap : IEntityTypeConfiguration<CaseState>
{
    public const string Table = "SyntheticCaseStates";

    public void Configure(EntityTypeBuilder<CaseState> builder)
    {
        builder.ToTable(Table);
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
    }

    public static void CreateTable(MigrationBuilder migration) =>
        migration.CreateTable(
            name: Table,
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                OpenTasks = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SyntheticCaseStates", x => x.CorrelationId));
}
