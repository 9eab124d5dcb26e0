using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.CrashHost.Agencies;

public sealed class ClosureNoticeMap : IEntityTypeConfiguration<ClosureNotice>
{
    public const string Table = "CrashClosureNotices";

    public void Configure(EntityTypeBuilder<ClosureNotice> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
    }

    public static void CreateTable(MigrationBuilder migration) =>
        migration.CreateTable(
            name: Table,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CrashClosureNotices", x => x.Id));
}
