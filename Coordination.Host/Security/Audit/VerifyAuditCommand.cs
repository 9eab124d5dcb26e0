using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// <c>dotnet run --project Coordination.Host -- verify-audit</c>: walks the audit chain and
/// prints the first broken link. Exit code 0 when the chain holds, 1 when it is broken, 2 when the database is not migrated.
/// </summary>
internal static class VerifyAuditCommand
{
    public const string Verb = "verify-audit";

    public static async Task<int> VerifyAuditAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();
        var pending = (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database)).ToList();
        if (pending.Count > 0)
        {
            Console.WriteLine($"The database is not migrated ({string.Join(", ", pending)} pending): run the migrate verb first.");
            return 2;
        }

        var result = await AuditVerifier.VerifyAsync(db, CancellationToken.None);
        if (result.Intact)
        {
            Console.WriteLine($"The audit log is intact: {result.Entries} entries, head {result.HeadSequence} {result.HeadHash}.");
            return 0;
        }

        Console.WriteLine($"The audit log is broken at entry {result.BrokenAt}: {result.Reason}. {result.Entries} entries before it hold.");
        return 1;
    }
}
