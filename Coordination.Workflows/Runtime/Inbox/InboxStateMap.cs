using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Runtime.Inbox;

internal sealed class InboxStateMap : IEntityTypeConfiguration<InboxState>
{
    public void Configure(EntityTypeBuilder<InboxState> builder)
    {
        builder.ToTable("InboxStates");
        builder.HasKey(i => new { i.MessageId, i.ConsumerId });
        builder.Property(i => i.ConsumerType).HasMaxLength(256);
        builder.HasIndex(i => i.ConsumedAt);
    }
}
