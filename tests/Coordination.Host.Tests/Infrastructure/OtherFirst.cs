using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coordination.Host.Tests.Infrastructure;

/// <summary>Lets the other change finish just before this context's first transaction begins; once.</summary>
internal sealed class OtherFirst(Func<Task> other) : DbTransactionInterceptor
{
    private int fired;

    public bool Fired => fired == 1;

    /// <summary>Which context's transaction lets the other change go first; any, unless given.</summary>
    public Func<DbContext, bool> When { get; init; } = _ => true;

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && When(context) && Interlocked.Exchange(ref fired, 1) == 0)
        {
            await other();
        }

        return result;
    }
}
