using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coordination.Workflows.Runtime.Sagas;

/// <summary>
/// On PostgreSQL an instance is loaded with <c>SELECT … FOR UPDATE</c> inside the consumer's
/// transaction, so two messages for one instance (three tasks accepted at once, each telling the
/// case) queue on the row until the first commits, then read what it wrote, instead of both
/// running to the commit and one of them retrying after a conflict and a back-off. The version
/// column stays the guard: anything that does not take the row lock (an insert race, SQLite,
/// another tool) still ends in a conflict and MassTransit's retry.
/// </summary>
/// <remarks>
/// The load is a compiled LINQ query tagged <see cref="Tag"/> (<see cref="CompiledRuntimeQueries"/>),
/// and this interceptor, registered for PostgreSQL only, adds <c>FOR UPDATE</c> to the commands
/// that carry the tag: EF Core has no row-lock operator, and cannot compile <c>FromSqlRaw</c>.
/// </remarks>
internal sealed class SagaRowLock : DbCommandInterceptor
{
    /// <summary>The query tag that asks for the row lock; EF writes it as the command's first line.</summary>
    public const string Tag = "coordination: lock the saga row";

    private const string TagLine = "-- " + Tag;

    public static SagaRowLock Instance { get; } = new();

    private SagaRowLock()
    {
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandText.StartsWith(TagLine, StringComparison.Ordinal))
        {
            command.CommandText += Environment.NewLine + "FOR UPDATE";
        }
    }
}
