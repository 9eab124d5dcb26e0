using System.Data.Common;
using Npgsql;

namespace Coordination.Workflows.Persistence;

/// <summary>
/// What the service asks of every PostgreSQL connection unless the connection string says
/// otherwise (ADR 0013): a pooled connection keeps its session between uses instead of being
/// reset with <c>DISCARD ALL</c>, and statements the runtime repeats for every message are
/// prepared once per connection. The service keeps no session state of its own (no
/// <c>SET</c>, temporary tables or session advisory locks), so nothing leaks between uses.
/// </summary>
public static class PostgresConnectionDefaults
{
    /// <summary>Prepared statements kept per connection: the runtime's per-message statements with room to spare.</summary>
    public const int MaxAutoPrepare = 64;

    private static readonly string[][] Keys =
    [
        ["No Reset On Close", "NoResetOnClose"],
        ["Max Auto Prepare", "MaxAutoPrepare"],
    ];

    public static string Apply(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Names(int key) => Keys[key].Any(named.ContainsKey);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(0))
        {
            builder.NoResetOnClose = true;
        }

        if (!Names(1))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder.ConnectionString;
    }
}
