using Coordination.Workflows.Persistence;
using Coordination.Workflows.Tests.Runtime.Counter;
using Coordination.Workflows.Tests.Runtime.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// The production context plus the test saga's table, so production migrations never create it.
/// Registered as <see cref="CoordinationDbContext"/> in the test host.
/// </summary>
public sealed class RuntimeTestDbContext(DbContextOptions options) : CoordinationDbContext(options)
{
    public DbSet<CounterState> Counters => Set<CounterState>();

    public DbSet<ReminderState> Reminders => Set<ReminderState>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new CounterStateMap());
        builder.ApplyConfiguration(new ReminderStateMap());
    }

    /// <summary>Creates the tables only tests have, on a database production migrations have brought up to date.</summary>
    public async Task CreateTestTablesAsync()
    {
        var migration = new MigrationBuilder(Database.ProviderName);
        CounterStateMap.CreateTable(migration);
        ReminderStateMap.CreateTable(migration);
        foreach (var command in this.GetService<IMigrationsSqlGenerator>().Generate(migration.Operations, Model))
        {
            await Database.ExecuteSqlRawAsync(command.CommandText);
        }
    }
}
