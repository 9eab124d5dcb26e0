using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Tests.Runtime.Counter;

public sealed class CounterStateMap : IEntityTypeConfiguration<CounterState>
{
    public const string Table = "CounterStates";

    public void Configure(EntityTypeBuilder<CounterState> builder)
    {
        builder.ToTable(Table);
        builder.MapSagaInstance();
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.HasIndex(s => s.TaskId);
    }

    /// <summary>The test table, written like a hand-written migration so it is the same on both providers.</summary>
    public static void CreateTable(MigrationBuilder migration)
    {
        migration.CreateTable(
            name: Table,
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                Count = table.Column<int>(nullable: false),
                TaskId = table.Column<Guid>(nullable: false),
                Pings = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CounterStates", x => x.CorrelationId));
        migration.CreateIndex("IX_CounterStates_TaskId", Table, "TaskId");
    }
}
