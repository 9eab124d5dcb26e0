using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Runtime.Outbox;

internal sealed class RuntimeLeaseMap : IEntityTypeConfiguration<RuntimeLease>
{
    public void Configure(EntityTypeBuilder<RuntimeLease> builder)
    {
        builder.ToTable("RuntimeLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Owner).HasMaxLength(200);
    }
}
