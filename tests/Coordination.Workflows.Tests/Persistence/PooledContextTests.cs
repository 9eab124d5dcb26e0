using Coordination.Testing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Tests.Persistence;

/// <summary>
/// Each scope (a consumed message, a request) takes its <see cref="CoordinationDbContext"/> from a
/// pool and hands it back when it ends. What a scope left behind, changes never saved (a request
/// that failed half way) or saved in a transaction it never committed (a consumer that threw),
/// must not be written by the next scope that gets the same context.
/// </summary>
public sealed class PooledContextTests
{
    [Fact]
    public async Task On_SQLite_the_next_scope_reuses_the_context_without_what_the_last_left_unsaved_or_uncommitted()
    {
        using var file = new SqliteFile("pooled-context");
        await AssertNothingCarriedOverAsync(DatabaseProvider.Sqlite, file.ConnectionString);
    }

    [Fact]
    public async Task On_PostgreSQL_the_next_scope_reuses_the_context_without_what_the_last_left_unsaved_or_uncommitted()
    {
        await using var database = await PostgresDatabase.CreateAsync("pooled-context");
        await AssertNothingCarriedOverAsync(DatabaseProvider.Postgres, database.ConnectionString);
    }

    private static async Task AssertNothingCarriedOverAsync(DatabaseProvider provider, string connectionString)
    {
        await using var services = new ServiceCollection()
            .AddCoordinationWorkflows(provider, connectionString, $"pooled-{Guid.NewGuid():N}")
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<CoordinationDbContext>(), CancellationToken.None);
        }

        CoordinationDbContext first;
        await using (var scope = services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            await first.Database.BeginTransactionAsync();
            first.Database.AutoSavepointsEnabled = false; // as the consume path sets it
            first.Add(NewMunicipality("0001", "Saved, never committed"));
            await first.SaveChangesAsync();
            first.Add(NewMunicipality("0002", "Never saved"));
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            Assert.Same(first, second);
            Assert.Null(second.Database.CurrentTransaction);
            Assert.True(second.Database.AutoSavepointsEnabled);
            second.Add(NewMunicipality("0003", "Saved by the next scope"));
            await second.SaveChangesAsync();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
            Assert.Equal(["Saved by the next scope"], await db.Municipalities.Select(m => m.Name).ToListAsync());
        }
    }

    private static Municipality NewMunicipality(string code, string name) => new() { Id = Guid.NewGuid(), Code = code, Name = name };
}
