using Coordination.Workflows.Runtime.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Tests.Runtime.Reminders;

public sealed class ReminderStateMap : IEntityTypeConfiguration<ReminderState>
{
    public const string Table = "ReminderStates";

    public void Configure(EntityTypeBuilder<ReminderState> builder)
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
                ReminderTokenId = table.Column<Guid>(nullable: true),
                RepeatEveryTicks = table.Column<long>(nullable: false),
                Fired = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ReminderStates", x => x.CorrelationId));
}
