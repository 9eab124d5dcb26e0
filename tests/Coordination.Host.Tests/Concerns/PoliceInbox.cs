using System.Net;
using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// The task inbox of the police of the local area, who work in both demo municipalities: two
/// concerns shared with the police, one in each municipality, and a plan action for the police
/// on the first, offered in that order; by deadline the plan action (due 2026-11-25) comes first,
/// then Älvby, then Sjöstad. With the agencies a filter names.
/// </summary>
internal sealed record PoliceInbox(Guid AlvbyJointWork, Guid SjostadJointWork, Guid PlanAction, Guid AlvbyPolice, Guid SjostadPolice, Guid AlvbySocialServices)
{
    public const string Police = "police.staff@alvby.demo";

    public IReadOnlyList<Guid> Tasks => [AlvbyJointWork, SjostadJointWork, PlanAction];

    public static async Task<PoliceInbox> ArrangeAsync(SecurityHost host, ApiUsers users)
    {
        var alvby = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, alvby, "Police");
        var alvbyTask = await OfferedAsync(host, alvby, AgencyTaskKind.JointWork);

        host.Clock.Advance(TimeSpan.FromDays(1));
        var sjostad = await CaseJourney.RaiseAsync(host, users, reporter: "school.staff@sjostad.demo");
        await users.PostJsonAsync("social.coordinator@sjostad.demo", $"/api/concerns/{sjostad}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-24", "Police"), HttpStatusCode.Created);
        var sjostadTask = await OfferedAsync(host, sjostad, AgencyTaskKind.JointWork);

        var plan = new { goals = new[] { "Alva attends school" }, actions = new[] { new { what = "Talk with Alva at school", agency = "Police", ownerUserId = (Guid?)null, byDate = "2026-11-25" } } };
        await users.PostJsonAsync(CaseJourney.Coordinator, $"/api/concerns/{alvby}/plan", plan, HttpStatusCode.Created);
        var planAction = await OfferedAsync(host, alvby, AgencyTaskKind.PlanAction);

        var agencies = await host.WithDatabaseAsync(db => db.Agencies.Select(a => new { a.Id, a.Kind, a.Municipality!.Code }).ToListAsync());
        return new PoliceInbox(
            alvbyTask,
            sjostadTask,
            planAction,
            agencies.Single(a => a.Code == "9901" && a.Kind == AgencyKind.Police).Id,
            agencies.Single(a => a.Code == "9902" && a.Kind == AgencyKind.Police).Id,
            agencies.Single(a => a.Code == "9901" && a.Kind == AgencyKind.SocialServices).Id);
    }

    private static async Task<Guid> OfferedAsync(SecurityHost host, Guid concern, AgencyTaskKind kind)
    {
        await CaseJourney.UntilAsync(host, db => db.Set<AgencyTaskState>().AnyAsync(t => t.ConcernId == concern && t.Kind == kind), $"the {kind} task of {concern} offered");
        return await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.ConcernId == concern && t.Kind == kind).Select(t => t.CorrelationId).SingleAsync());
    }
}
