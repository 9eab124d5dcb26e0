using Coordination.Testing;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime;
using Coordination.Workflows.Tests.Runtime.Counter;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// On PostgreSQL a consumed message loads its saga row locked until its transaction ends, so a
/// second message for the same instance waits for the first instead of failing on the version
/// and retrying. The load is a compiled query; the lock is added to it by an interceptor.
/// </summary>
public sealed class SagaRowLockTests
{
    [Fact]
    public async Task A_loaded_saga_row_is_locked_until_the_transaction_ends_and_other_rows_are_not()
    {
        await using var database = await PostgresDatabase.CreateAsync("saga-row-lock");
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(DatabaseProvider.Postgres, database.ConnectionString);
        var loaded = new CounterState { CorrelationId = Guid.NewGuid(), Version = 1, CurrentState = "Counting", Count = 3 };
        var other = new CounterState { CorrelationId = Guid.NewGuid(), Version = 1, CurrentState = "Counting" };
        await using (var setup = new RuntimeTestDbContext(builder.Options))
        {
            await DatabaseMigrator.MigrateAsync(setup, CancellationToken.None);
            await setup.CreateTestTablesAsync();
            setup.AddRange(loaded, other);
            await setup.SaveChangesAsync();
        }

        await using var db = new RuntimeTestDbContext(builder.Options);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var instance = await CompiledRuntimeQueries.LoadSagaAsync<CounterState>(db, loaded.CorrelationId, CancellationToken.None);

            Assert.NotNull(instance);
            Assert.Equal(3, instance.Count);
            Assert.Null(await CompiledRuntimeQueries.LoadSagaAsync<CounterState>(db, Guid.NewGuid(), CancellationToken.None));
            Assert.False(await CanLockAsync(database.ConnectionString, loaded.CorrelationId), "another session could lock the loaded row");
            Assert.True(await CanLockAsync(database.ConnectionString, other.CorrelationId), "another session could not lock a row that was not loaded");
        }

        Assert.True(await CanLockAsync(database.ConnectionString, loaded.CorrelationId), "the row stayed locked after the transaction ended");
    }

    /// <summary>Whether another session can lock the row at once (<c>NOWAIT</c>).</summary>
    private static async Task<bool> CanLockAsync(string connectionString, Guid correlationId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            """SELECT 1 FROM "CounterStates" WHERE "CorrelationId" = $1 FOR UPDATE NOWAIT""", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = correlationId });
        try
        {
            await command.ExecuteScalarAsync();
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }
}
