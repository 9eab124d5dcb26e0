using Coordination.SyntheticCases;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Bench.Workload;

/// <summary>
/// The production context plus the benchmark's saga tables, which production migrations never
/// create. Registered as <see cref="CoordinationDbContext"/> in the benchmark host.
/// </summary>
public sealed class BenchDbContext(DbContextOptions options) : CoordinationDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        SyntheticCaseTables.Map(builder);
    }

    /// <summary>Creates the benchmark's tables on a database production migrations have brought up to date.</summary>
    public async Task CreateBenchTablesAsync()
    {
        var migration = new MigrationBuilder(Database.ProviderName);
        SyntheticCaseTables.Create(migration);
        foreach (var command in this.GetService<IMigrationsSqlGenerator>().Generate(migration.Operations, Model))
        {
            await Database.ExecuteSqlRawAsync(command.CommandText);
        }
    }
}
