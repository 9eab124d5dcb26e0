using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>A hash of every row of every table of the model, to show that rejected requests changed nothing.</summary>
internal static class DatabaseFingerprint
{
    /// <summary>Rows of these tables change without any request: the audit log (checked apart) and the runtime's leases.</summary>
    private static readonly string[] Ignored = ["AuditEntries", "RuntimeLeases"];

    /// <summary>
    /// The fingerprint once the runtime has settled: every message in the outbox delivered, and
    /// <paramref name="quietReadings"/> + 1 readings 300 ms apart agree (for a comparison before
    /// and after refused requests, a consumer still running on a busy machine gets more than one
    /// quiet moment to show itself).
    /// </summary>
    public static async Task<Dictionary<string, string>> StableAsync(SecurityHost host, int quietReadings = 2)
    {
        var previous = await host.WithDatabaseAsync(OfAsync);
        var quiet = 0;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await Task.Delay(300);
            var current = await host.WithDatabaseAsync(OfAsync);
            var pending = await PendingAsync(host);
            quiet = current.SequenceEqual(previous) && pending == 0 ? quiet + 1 : 0;
            if (quiet == quietReadings)
            {
                return current;
            }

            previous = current;
        }

        var stuck = await host.WithDatabaseAsync(db => db.Set<Workflows.Runtime.Outbox.OutboxMessage>().Where(m => m.DeliveredAt == null && m.SetAsideAt == null)
            .Select(m => m.DestinationAddress + " " + m.MessageType + " " + m.EnqueueTime).ToListAsync());
        throw new TimeoutException($"The database did not settle within 30 s ({await PendingAsync(host)} outbox messages due and undelivered: {string.Join("; ", stuck)}).");
    }

    /// <summary>Outbox messages due for delivery and not yet delivered (a delayed send is not due until its enqueue time).</summary>
    private static async Task<int> PendingAsync(SecurityHost host)
    {
        var now = host.Clock.GetUtcNow();
        var undelivered = await host.WithDatabaseAsync(db => db.Set<Workflows.Runtime.Outbox.OutboxMessage>().Where(m => m.DeliveredAt == null && m.SetAsideAt == null).Select(m => m.EnqueueTime).ToListAsync());
        return undelivered.Count(enqueue => enqueue is null || enqueue <= now);
    }

    public static async Task<Dictionary<string, string>> OfAsync(CoordinationDbContext db)
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Except(Ignored).Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var result = new Dictionary<string, string>();
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                var rows = new List<string>();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        rows.Add(Row(reader));
                    }
                }

                rows.Sort(StringComparer.Ordinal);
                result[table] = $"{rows.Count} rows, " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))))[..16];
            }

            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Row(DbDataReader reader)
    {
        var values = new string[reader.FieldCount];
        for (var i = 0; i < reader.FieldCount; i++)
        {
            values[i] = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
        }

        return string.Join("|", values);
    }
}
