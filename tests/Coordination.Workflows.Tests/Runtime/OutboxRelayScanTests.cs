using Coordination.Testing;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>
/// Delivered outbox rows stay for the inbox window (days of traffic). The relay polls after
/// every commit, so its poll must read the rows still to send, not walk past the delivered ones.
/// Before the partial index, PostgreSQL answered the poll through the primary key and filtered
/// every delivered row out: a bench pass measured 100–150 ms per poll with 15,000 rows kept.
/// </summary>
public sealed class OutboxRelayScanTests
{
    private const int Delivered = 20_000;
    private const int Waiting = 5;

    [Fact]
    public async Task The_relay_poll_reads_the_waiting_rows_only_while_many_delivered_rows_are_kept()
    {
        await using var database = await PostgresDatabase.CreateAsync("outbox-scan");
        var builder = new DbContextOptionsBuilder<CoordinationDbContext>();
        builder.UseCoordinationDatabase(DatabaseProvider.Postgres, database.ConnectionString);
        await using var db = new CoordinationDbContext(builder.Options);
        await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);

        // As in a busy service between two autovacuum runs: the statistics were taken while the
        // rows were waiting, and they have been delivered since.
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "OutboxMessages" SET (autovacuum_enabled = false)""");
        await InsertRowsAsync(db, Delivered);
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "OutboxMessages" """);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "OutboxMessages" SET "DeliveredAt" = now()""");
        await InsertRowsAsync(db, Waiting);

        // Counted before and after the poll in one transaction: PostgreSQL 15 reports a backend's
        // counts of earlier transactions (the UPDATE above) until it flushes them, up to a second later.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var before = await RowsReadAsync(db);
        var batch = await CompiledRuntimeQueries.PendingOutboxMessagesAsync(db, DateTimeOffset.UtcNow, batchSize: 100, CancellationToken.None);
        var read = await RowsReadAsync(db) - before;

        Assert.Equal(Waiting, batch.Count);
        Assert.All(batch, row => Assert.Null(row.DeliveredAt));
        Assert.True(read <= 10 * Waiting, $"The relay's poll read {read} rows of the outbox to find {Waiting} waiting among {Delivered} delivered.");
    }

    /// <summary>
    /// Live rows this transaction has read from the outbox: by sequential scans, and fetched through
    /// any of its indexes. An index entry whose row is dead is skipped without reading it as a row.
    /// </summary>
    private static Task<long> RowsReadAsync(CoordinationDbContext db) =>
        db.Database.SqlQueryRaw<long>(
            """
            SELECT pg_stat_get_xact_tuples_returned('"OutboxMessages"'::regclass)
                 + COALESCE((SELECT sum(pg_stat_get_xact_tuples_fetched(i.indexrelid))
                             FROM pg_index i WHERE i.indrelid = '"OutboxMessages"'::regclass), 0)::bigint AS "Value"
            """).SingleAsync();

    private static Task<int> InsertRowsAsync(CoordinationDbContext db, int count) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "OutboxMessages" ("MessageId", "DestinationAddress", "ContentType", "MessageType", "Body", "SentTime", "CreatedAt", "DeliveredAt")
            SELECT gen_random_uuid(), 'rabbitmq://localhost/somewhere', 'application/vnd.masstransit+json', 'urn:message:Test', 'x',
                   now(), now(), NULL
            FROM generate_series(1, {count})
            """);
}
