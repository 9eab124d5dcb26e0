using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.CrashHost.Agencies;

public sealed class AgencyTaskRecordMap : IEntityTypeConfiguration<AgencyTaskRecord>
{
    public const string Table = "CrashAgencyTaskRecords";

    public void Configure(EntityTypeBuilder<AgencyTaskRecord> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
    }

    public static void CreateTable(MigrationBuilder migration) =>
        migration.CreateTable(
            name: Table,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TaskId = table.Column<Guid>(nullable: false),
                CaseId = table.Column<Guid>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CrashAgencyTaskRecords", x => x.Id));
}
