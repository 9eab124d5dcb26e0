using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Persistence;

/// <summary>
/// The one database context of the service: identity, workflows and the durable runtime
/// share a database so that a state change and the messages it causes commit together.
/// </summary>
public class CoordinationDbContext : IdentityUserContext<CoordinationUser, Guid>
{
    public CoordinationDbContext(DbContextOptions<CoordinationDbContext> options)
        : base(options)
    {
    }

    /// <summary>
    /// For a context that adds tables of its own (the tests', the bench's): EF Core pools a context
    /// type only when its constructor takes its own options or these.
    /// </summary>
    protected CoordinationDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Municipality> Municipalities => Set<Municipality>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Membership> Memberships => Set<Membership>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CoordinationDbContext).Assembly);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersionedRecord).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IVersionedRecord.Version)).IsConcurrencyToken();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RaiseVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RaiseVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Each changed <see cref="IVersionedRecord"/> is saved as the next version of the one it was
    /// read as, unless only its <see cref="UnversionedAttribute"/> bookkeeping changed.
    /// </summary>
    private void RaiseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersionedRecord>().Where(e => e.State == EntityState.Modified))
        {
            if (entry.Properties.Where(p => p.IsModified).All(p => p.Metadata.PropertyInfo?.IsDefined(typeof(UnversionedAttribute), inherit: false) == true))
            {
                continue;
            }

            entry.Property(r => r.Version).CurrentValue = entry.Property(r => r.Version).OriginalValue + 1;
        }
    }
}
