using Coordination.Testing;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Outbox;
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

        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow;
        var batch = await OutboxRelay.Pending(db, now, batchSize: 100).ToListAsync();

        // Rows the poll read from the table, in this transaction (index entries and heap rows).
        var read = await db.Database.SqlQueryRaw<long>(
            """SELECT pg_stat_get_xact_tuples_returned('"OutboxMessages"'::regclass) AS "Value" """).SingleAsync();

        Assert.Equal(Waiting, batch.Count);
        Assert.All(batch, row => Assert.Null(row.DeliveredAt));
        Assert.True(read <= 10 * Waiting, $"The relay's poll read {read} rows of the outbox to find {Waiting} waiting among {Delivered} delivered.");
    }

    private static Task<int> InsertRowsAsync(CoordinationDbContext db, int count) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "OutboxMessages" ("MessageId", "DestinationAddress", "ContentType", "MessageType", "Body", "SentTime", "CreatedAt", "DeliveredAt")
            SELECT gen_random_uuid(), 'rabbitmq://localhost/somewhere', 'application/vnd.masstransit+json', 'urn:message:Test', 'x',
                   now(), now(), NULL
            FROM generate_series(1, {count})
            """);
}
