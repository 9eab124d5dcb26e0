using System.Net;
using Coordination.Host.Tests.Concerns;
using Coordination.Testing;
using Coordination.Workflows.Concerns;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>Short paths through Workflow A for the security tests: raise, share, close, each waited for.</summary>
internal static class CaseJourney
{
    public const string Teacher = "school.staff@alvby.demo";
    public const string Coordinator = "social.coordinator@alvby.demo";

    public static async Task<Guid> RaiseAsync(SecurityHost host, ApiUsers users, bool protectedIdentity = false, string reporter = Teacher)
    {
        var raised = await users.PostJsonAsync(reporter, "/api/concerns", ConcernRequests.Concern(protectedIdentity: protectedIdentity), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        await UntilAsync(host, db => db.Set<ConcernState>().AnyAsync(s => s.CorrelationId == id), $"concern {id} registered");
        return id;
    }

    public static async Task ShareAsync(ApiUsers users, Guid id, params string[] parties) =>
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", parties), HttpStatusCode.Created);

    public static async Task CloseAsync(SecurityHost host, ApiUsers users, Guid id)
    {
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Support given; no further joint work." }, HttpStatusCode.NoContent);
        await UntilAsync(host, db => db.Set<ConcernState>().AnyAsync(s => s.CorrelationId == id && s.ClosedAt != null), $"concern {id} closed");
    }

    /// <summary>Waits for the runtime, moving the test clock a second at a time as the relay expects.</summary>
    public static Task UntilAsync(SecurityHost host, Func<Workflows.Persistence.CoordinationDbContext, Task<bool>> condition, string what) =>
        Poll.UntilAsync(
            async () =>
            {
                if (await host.WithDatabaseAsync(condition))
                {
                    return true;
                }

                host.Clock.Advance(TimeSpan.FromSeconds(1));
                return false;
            },
            TimeSpan.FromSeconds(30),
            what);
}
