using Coordination.CrashHost.Agencies;
using Coordination.SyntheticCases;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.CrashHost;

/// <summary>
/// The production context plus this host's tables, which production migrations never create.
/// Registered as <see cref="CoordinationDbContext"/> in the crash host.
/// </summary>
public sealed class CrashDbContext(DbContextOptions options) : CoordinationDbContext(options)
{
    public DbSet<CaseState> Cases => Set<CaseState>();

    public DbSet<TaskState> Tasks => Set<TaskState>();

    public DbSet<AgencyTaskRecord> AgencyTasks => Set<AgencyTaskRecord>();

    public DbSet<ClosureNotice> ClosureNotices => Set<ClosureNotice>();

    public static DbContextOptions<CoordinationDbContext> OptionsFor(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(provider, connectionString);
        return builder.Options;
    }

    /// <summary>Migrates an empty database and adds this host's tables.</summary>
    public static async Task PrepareAsync(DatabaseProvider provider, string connectionString)
    {
        var options = OptionsFor(provider, connectionString);
        await using (var production = new CoordinationDbContext(options))
        {
            await DatabaseMigrator.MigrateAsync(production, CancellationToken.None);
        }

        await using var db = new CrashDbContext(options);
        var migration = new MigrationBuilder(db.Database.ProviderName);
        SyntheticCaseTables.Create(migration);
        AgencyTaskRecordMap.CreateTable(migration);
        ClosureNoticeMap.CreateTable(migration);
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(migration.Operations, db.Model))
        {
            await db.Database.ExecuteSqlRawAsync(command.CommandText);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        SyntheticCaseTables.Map(builder);
        builder.ApplyConfiguration(new AgencyTaskRecordMap());
        builder.ApplyConfiguration(new ClosureNoticeMap());
    }
}
