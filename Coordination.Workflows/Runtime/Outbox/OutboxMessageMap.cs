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

        // The relay's scan: the rows still to send, in sequence order, through an index of those
        // rows alone, so a poll does not grow with the delivered rows kept for the inbox window.
        builder.HasIndex(m => m.SequenceNumber, "IX_OutboxMessages_Undelivered")
            .HasFilter("\"DeliveredAt\" IS NULL AND \"SetAsideAt\" IS NULL");

        // The cleanup's scan: delivered rows older than the window.
        builder.HasIndex(m => new { m.DeliveredAt, m.SequenceNumber });
    }
}
