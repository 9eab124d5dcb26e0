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

    /// <summary>The fingerprint once the runtime has settled: two readings a moment apart agree.</summary>
    public static async Task<Dictionary<string, string>> StableAsync(SecurityHost host)
    {
        var previous = await host.WithDatabaseAsync(OfAsync);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(200);
            var current = await host.WithDatabaseAsync(OfAsync);
            if (current.SequenceEqual(previous))
            {
                return current;
            }

            previous = current;
        }

        throw new TimeoutException("The database did not settle within 10 s.");
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
