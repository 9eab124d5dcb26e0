using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Runtime.Outbox;

internal sealed class OutboxMessageMap : IEntityTypeConfiguration<OutboxMessage>
{
    public const int AddressLength = 256;

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.SequenceNumber);
        builder.Property(m => m.SequenceNumber).ValueGeneratedOnAdd();
        builder.Property(m => m.SourceAddress).HasMaxLength(AddressLength);
        builder.Property(m => m.DestinationAddress).HasMaxLength(AddressLength);
        builder.Property(m => m.ResponseAddress).HasMaxLength(AddressLength);
        builder.Property(m => m.FaultAddress).HasMaxLength(AddressLength);
        builder.Property(m => m.ContentType).HasMaxLength(AddressLength);

        // The relay's scan: undelivered rows in sequence order.
        builder.HasIndex(m => new { m.DeliveredAt, m.SequenceNumber });
    }
}
