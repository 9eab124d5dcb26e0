using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Venues;

internal sealed class VenueHistoryEntryMap : IEntityTypeConfiguration<VenueHistoryEntry>
{
    public void Configure(EntityTypeBuilder<VenueHistoryEntry> builder)
    {
        builder.ToTable("VenueHistory");
        builder.Property(e => e.Text).HasMaxLength(2000);
        builder.HasOne<Venue>().WithMany().HasForeignKey(e => e.VenueId);
        builder.HasIndex(e => new { e.VenueId, e.At });
    }
}
