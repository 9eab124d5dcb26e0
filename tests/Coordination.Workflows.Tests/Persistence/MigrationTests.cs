using System.Reflection;
using Coordination.Testing;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Tests.Persistence;

/// <summary>
/// The hand-written migrations (ADR 0006) stand in for EF's model snapshot: migrating an empty
/// database must give a schema in which every mapped table and column of the model can be read.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_SQLite_database_and_the_second_run_changes_nothing()
    {
        using var file = new SqliteFile("migrations");
        await AssertMigratesCleanlyAsync(DatabaseProvider.Sqlite, file.ConnectionString);
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_PostgreSQL_database_and_the_second_run_changes_nothing()
    {
        await using var database = await PostgresDatabase.CreateAsync("migrations");
        await AssertMigratesCleanlyAsync(DatabaseProvider.Postgres, database.ConnectionString);
    }

    private static async Task AssertMigratesCleanlyAsync(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(provider, connectionString);
        var options = builder.Options;

        await using (var db = new CoordinationDbContext(options))
        {
            var applied = await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
            Assert.Equal(db.Database.GetMigrations(), applied);
        }

        await using (var db = new CoordinationDbContext(options))
        {
            Assert.Empty(await DatabaseMigrator.MigrateAsync(db, CancellationToken.None));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            // Reading every entity type selects every mapped column: a table or column the
            // migrations forgot fails here, on both providers.
            foreach (var entityType in db.Model.GetEntityTypes().Where(e => e.ClrType is { IsAbstract: false } && !e.IsOwned()))
            {
                var rows = await ReadAllAsync(db, entityType.ClrType);
                Assert.NotNull(rows);
            }
        }

        await using (var db = new CoordinationDbContext(options))
        {
            // A round visits each of its venues once, however many requests record the visit at once.
            var (roundId, venueId) = (Guid.NewGuid(), Guid.NewGuid());
            db.Add(VisitOf(roundId, venueId));
            await db.SaveChangesAsync();
            db.Add(VisitOf(roundId, venueId));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    private static Visit VisitOf(Guid roundId, Guid venueId) => new()
    {
        Id = Guid.NewGuid(),
        RoundId = roundId,
        VenueId = venueId,
        MunicipalityId = Guid.NewGuid(),
        StartedAt = new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero),
        EndedAt = new DateTimeOffset(2026, 11, 27, 21, 15, 0, TimeSpan.Zero),
        ProtocolDueAt = new DateTimeOffset(2026, 12, 11, 16, 0, 0, TimeSpan.Zero),
        ProtocolTaskId = Guid.NewGuid(),
        RecordedAt = new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero),
        RecordedBy = Guid.NewGuid(),
    };

    private static async Task<object> ReadAllAsync(DbContext db, Type entityType)
    {
        var method = typeof(MigrationTests).GetMethod(nameof(ReadAllGenericAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(entityType);
        return await (Task<object>)method.Invoke(null, [db])!;
    }

    private static async Task<object> ReadAllGenericAsync<T>(DbContext db)
        where T : class => await db.Set<T>().AsNoTracking().ToListAsync();
}
