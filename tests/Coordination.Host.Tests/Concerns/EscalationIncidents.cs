using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using Coordination.Workflows.Identity;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// The incident an escalation without a manager becomes, as the administrator who answers for its
/// workflow sees it (the task's agency's; social services' for a concern or a review), and how
/// they settle it: give someone the manager role, then retry, which checks again.
/// </summary>
internal static class EscalationIncidents
{
    public static async Task<List<JsonElement>> AllAsync(Caseworkers users, string administrator) =>
        [.. (await users.GetJsonAsync(administrator, "/api/operations/incidents")).EnumerateArray()];

    /// <summary>The incident of the workflow instance, once there is one; the clock ticks between reads so its timer can fire.</summary>
    public static Task<JsonElement> WaitForAsync(InProcessHostFactory host, Caseworkers users, string administrator, Guid instanceId, string what) =>
        Poll.UntilAsync(
            async () => (await AllAsync(users, administrator)).FirstOrDefault(i => i.GetProperty("instanceId").ValueKind == JsonValueKind.String && i.GetProperty("instanceId").GetGuid() == instanceId),
            i => i.ValueKind == JsonValueKind.Object, WorkflowWait, what, host.Clock.TickSecond);

    /// <summary>Gives the user the manager role in the agency, retries the incident and waits until it is resolved.</summary>
    public static async Task SettleByGivingTheRoleAsync(InProcessHostFactory host, Caseworkers users, string administrator, JsonElement incident, Guid userId, Guid agencyId)
    {
        await host.WithDatabaseAsync(async db =>
        {
            db.Add(new Membership { Id = Guid.NewGuid(), UserId = userId, AgencyId = agencyId, Role = MembershipRole.Manager });
            return await db.SaveChangesAsync();
        });
        var id = incident.GetProperty("id").GetGuid();
        using (var retried = await users.PostAsync(administrator, $"/api/operations/incidents/{id}/retry"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        }

        await Poll.UntilAsync(
            async () => (await AllAsync(users, administrator)).Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("status").GetString(),
            status => status == "Resolved", WorkflowWait, "the incident resolved", host.Clock.TickSecond);
    }
}
