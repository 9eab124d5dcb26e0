using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Audit;

internal sealed class AuditEntryMap : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Sequence);

        // The appender assigns the sequence under a lock; the database must not.
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(AuditRecord.MaxActorLength);
        builder.Property(e => e.SubjectType).HasMaxLength(60);
        builder.Property(e => e.SubjectId).HasMaxLength(100);
        builder.Property(e => e.Basis).HasMaxLength(AuditRecord.MaxBasisLength);
        builder.Property(e => e.Detail).HasMaxLength(AuditRecord.MaxDetailLength);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.ActorUserId, e.At });
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId });
    }
}
