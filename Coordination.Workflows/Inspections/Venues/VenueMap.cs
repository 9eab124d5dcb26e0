using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Inspections.Venues;

internal sealed class VenueMap : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.ToTable("Venues");
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.LicenseeName).HasMaxLength(200);
        builder.Property(v => v.OrganisationNumber).HasMaxLength(20);
        builder.Property(v => v.Address).HasMaxLength(200);
        builder.Property(v => v.PostalTown).HasMaxLength(100);
        builder.Property(v => v.LicenceKinds).HasListConversion(maxLength: 200);
        builder.Property(v => v.ResponsiblePersons).HasListConversion(maxLength: 2000);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasIndex(v => v.MunicipalityId);
    }
}
