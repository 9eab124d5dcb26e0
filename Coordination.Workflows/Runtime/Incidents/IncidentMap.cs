using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Runtime.Incidents;

internal sealed class IncidentMap : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Endpoint).HasMaxLength(256);
        builder.Property(i => i.ContentType).HasMaxLength(256);
        builder.Property(i => i.ExceptionType).HasMaxLength(256);
        builder.HasIndex(i => new { i.Status, i.OccurredAt });
    }
}
