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

internal sealed class PasswordLinkConfiguration : IEntityTypeConfiguration<PasswordLink>
{
    public void Configure(EntityTypeBuilder<PasswordLink> builder)
    {
        builder.ToTable("PasswordLinks");
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.UserId);
        builder.HasOne<CoordinationUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
