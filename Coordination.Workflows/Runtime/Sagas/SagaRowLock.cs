using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Coordination.Workflows.Runtime.Sagas;

/// <summary>
/// On PostgreSQL an instance is loaded with <c>SELECT … FOR UPDATE</c> inside the consumer's
/// transaction, so two messages for one instance (three tasks accepted at once, each telling the
/// case) queue on the row until the first commits, then read what it wrote, instead of both
/// running to the commit and one of them retrying after a conflict and a back-off. The version
/// column stays the guard: anything that does not take the row lock (an insert race, SQLite,
/// another tool) still ends in a conflict and MassTransit's retry.
/// </summary>
internal static class SagaRowLock<TSaga>
    where TSaga : class, ISagaVersion
{
    private static string? sql;

    /// <summary>The locking select of one instance by its correlation id (parameter <c>{0}</c>).</summary>
    public static string Sql(CoordinationDbContext db) => sql ??= Build(db);

    private static string Build(CoordinationDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TSaga))
            ?? throw new InvalidOperationException($"Saga {typeof(TSaga).Name} is not mapped in the database context.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"Saga {typeof(TSaga).Name} has no table.");
        var schema = entity.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);
        var column = entity.FindProperty(nameof(ISaga.CorrelationId))!.GetColumnName(store);
        var qualified = schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
        return $"SELECT * FROM {qualified} WHERE {Quote(column!)} = {{0}} FOR UPDATE";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
