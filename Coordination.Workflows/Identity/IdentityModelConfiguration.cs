using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Workflows.Identity;

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.ToTable("Municipalities");
        builder.Property(m => m.Code).HasMaxLength(8);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.HasMany(m => m.Agencies).WithOne(a => a.Municipality).HasForeignKey(a => a.MunicipalityId);
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("Agencies");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.HasIndex(a => new { a.MunicipalityId, a.Kind }).IsUnique();
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("Memberships");
        builder.HasOne(m => m.Agency).WithMany().HasForeignKey(m => m.AgencyId);
        builder.HasOne<CoordinationUser>().WithMany(u => u.Memberships).HasForeignKey(m => m.UserId);
        builder.HasIndex(m => new { m.UserId, m.AgencyId, m.Role }).IsUnique();
    }
}

internal sealed class CoordinationUserConfiguration : IEntityTypeConfiguration<CoordinationUser>
{
    public void Configure(EntityTypeBuilder<CoordinationUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(200);
}
