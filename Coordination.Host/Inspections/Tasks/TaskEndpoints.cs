using System.Security.Claims;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Tasks;

/// <summary>The inspection tasks of the agencies the user belongs to; managers also see which were escalated.</summary>
internal static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder inspections) =>
        inspections.MapGet("/tasks", ListAsync).WithTags("Inspections: tasks");

    /// <summary>The agencies' inspection tasks, each one listed an audited read (<see cref="InspectionRead.Task"/>).</summary>
    internal static async Task<IResult> ListAsync(Guid municipalityId, bool? open, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        var memberships = MembershipClaim.From(user)
            .Where(m => m.MunicipalityId == municipalityId && m.Role is MembershipRole.Staff or MembershipRole.Manager or MembershipRole.Coordinator)
            .ToList();
        var kinds = memberships.Select(m => m.AgencyKind).Distinct().ToList();
        if (kinds.Count == 0)
        {
            return TypedResults.Ok(Array.Empty<object>());
        }

        var query = db.Set<InspectionTask>().AsNoTracking().Where(t => t.MunicipalityId == municipalityId && kinds.Contains(t.AgencyKind));
        if (open ?? true)
        {
            query = query.Where(t => t.Status == InspectionTaskStatus.Open);
        }

        var tasks = (await query.ToListAsync()).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.CreatedAt).ToList();
        await audit.ListedAsync(tasks.Select(InspectionRead.Task));
        return TypedResults.Ok(tasks.Select(InspectionTaskView.Of).ToList());
    }
}
