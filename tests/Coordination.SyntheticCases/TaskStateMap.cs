using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.SyntheticCases;

public sealed class TaskStateMap : IEntityTypeConfiguration<TaskState>
{
    public const string Table = "SyntheticTaskStates";

    public void Configure(EntityTypeBuilder<TaskState> builder)
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
                CaseId = table.Column<Guid>(nullable: false),
                ReminderTokenId = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_SyntheticTaskStates", x => x.CorrelationId));
}
