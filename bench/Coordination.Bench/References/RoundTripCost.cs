using System.Diagnostics;
using Coordination.Bench.Backends;
using Coordination.Bench.Measuring;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime;
using Coordination.Workflows.Runtime.Inbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coordination.Bench.References;

/// <summary>
/// What one database round trip costs the machine, and our process, depending on how it is
/// made: the runtime's inbox check (an indexed <c>EXISTS</c> on the primary key, the cheapest
/// statement of a transition) sent by 32 concurrent workers, as plain Npgsql, as the LINQ query
/// the runtime used before on an open context, as the runtime's compiled query
/// (<c>CompiledRuntimeQueries</c>), and as the runtime made it in a consume scope before that:
/// a new context for each, then the LINQ query. ADR 0014 uses these to say where a transition's
/// CPU goes.
/// </summary>
public static class RoundTripCost
{
    private const int Workers = 32;

    public static async Task<IReadOnlyList<RoundTripResult>> RunAsync(string adminConnectionString, int perWorker)
    {
        // The stack's scratch database, migrated like the service's; no broker is touched.
        await using var stack = await PostgresRabbitMqBackend.CreateAsync(adminConnectionString, new Uri("amqp://localhost/"));
        var ways = new (string Name, Func<int, Task> Run)[]
        {
            ("Npgsql, open connection", n => Npgsql(PostgresConnectionDefaults.Apply(stack.ConnectionString), n)),
            ("EF Core LINQ, open context", n => OpenContext(stack, n, compiled: false)),
            ("EF Core compiled, open context", n => OpenContext(stack, n, compiled: true)),
            ("EF Core LINQ, new context each (as a consume scope)", n => NewContextEach(stack, n)),
        };

        var results = new List<RoundTripResult>();
        foreach (var (name, run) in ways)
        {
            await run(Math.Max(perWorker / 10, 10)); // warm-up: the JIT, the pools, the query cache
            var before = MachineCpu.Read() ?? throw new PlatformNotSupportedException("roundtrips reads CPU time from /proc (Linux).");
            var clock = Stopwatch.StartNew();
            await run(perWorker);
            clock.Stop();
            var after = MachineCpu.Read()!;
            var trips = (double)Workers * perWorker;
            var result = new RoundTripResult(
                name,
                (long)trips,
                trips / clock.Elapsed.TotalSeconds,
                (after.Ours - before.Ours).TotalMicroseconds / trips,
                (after.Machine - before.Machine).TotalMicroseconds / trips);
            Console.WriteLine($"[bench] round trip, {result.Way}: {result.PerSecond:F0}/s, this process {result.ProcessMicroseconds:F0} µs CPU each, the machine {result.MachineMicroseconds:F0} µs");
            results.Add(result);
        }

        return results;
    }

    private static Task Workload(Func<CancellationToken, Task> worker) =>
        Parallel.ForEachAsync(Enumerable.Range(0, Workers), new ParallelOptions { MaxDegreeOfParallelism = Workers }, (_, ct) => new ValueTask(worker(ct)));

    /// <summary>The same statement on one open connection, with the service's connection defaults (prepared statements, no reset) as the contexts have them.</summary>
    private static Task Npgsql(string connectionString, int n) => Workload(async ct =>
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        for (var i = 0; i < n; i++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM \"InboxStates\" AS i WHERE i.\"MessageId\" = $1 AND i.\"ConsumerId\" = $2)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            await command.ExecuteScalarAsync(ct);
        }
    });

    private static Task OpenContext(BenchBackend stack, int n, bool compiled) => Workload(async ct =>
    {
        await using var db = stack.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        for (var i = 0; i < n; i++)
        {
            _ = compiled ? await CompiledRuntimeQueries.IsConsumedAsync(db, Guid.NewGuid(), Guid.NewGuid(), ct) : await InboxCheck(db, ct);
        }
    });

    private static Task NewContextEach(BenchBackend stack, int n) => Workload(async ct =>
    {
        for (var i = 0; i < n; i++)
        {
            await using var db = stack.CreateDbContext();
            await InboxCheck(db, ct);
        }
    });

    /// <summary>The inbox check as the runtime made it before it was compiled, for a message never consumed.</summary>
    private static Task<bool> InboxCheck(CoordinationDbContext db, CancellationToken ct)
    {
        var messageId = Guid.NewGuid();
        var consumerId = Guid.NewGuid();
        return db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.ConsumerId == consumerId, ct);
    }
}

/// <summary>One way of making the round trip: how many, how fast, and the CPU each took.</summary>
public sealed record RoundTripResult(string Way, long RoundTrips, double PerSecond, double ProcessMicroseconds, double MachineMicroseconds);
