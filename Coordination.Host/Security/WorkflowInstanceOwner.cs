using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Coordination.Host.Security;

/// <summary>
/// The municipality a workflow instance belongs to, so that operations (journal, incidents)
/// stay inside the municipalities an administrator administers: a municipality's data is
/// never shown in another's, operational data included.
/// </summary>
internal static class WorkflowInstanceOwner
{
    public static async Task<Guid?> MunicipalityOfAsync(CoordinationDbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        await db.Set<ConcernState>().Where(s => s.CorrelationId == instanceId).Select(s => (Guid?)s.MunicipalityId).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Set<AgencyTaskState>().Where(s => s.CorrelationId == instanceId).Select(s => (Guid?)s.MunicipalityId).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Set<ReviewState>().Where(s => s.CorrelationId == instanceId).Select(s => (Guid?)s.MunicipalityId).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Set<ParticipationRequestState>().Where(s => s.CorrelationId == instanceId).Select(s => (Guid?)s.MunicipalityId).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Set<SupervisionCaseState>().Where(s => s.CorrelationId == instanceId).Select(s => (Guid?)s.MunicipalityId).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Set<Visit>().Where(v => v.Id == instanceId).Select(v => (Guid?)v.MunicipalityId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether the user administers the municipality the instance belongs to; an instance of no known municipality is nobody's to read.</summary>
    public static async Task<bool> AdministeredByAsync(CoordinationDbContext db, Guid instanceId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await MunicipalityOfAsync(db, instanceId, cancellationToken) is { } municipality
        && MembershipClaim.From(user).Any(m => m.MunicipalityId == municipality && m.Role == MembershipRole.Administrator);

    /// <summary>
    /// Whether the user may see and retry an incident: the administrators of its workflow's
    /// municipality; an incident whose message names no workflow of a known municipality (its
    /// exception text could be about anyone's record) only to those who administer every
    /// municipality of the deployment, whichever it came from.
    /// </summary>
    public static async Task<bool> IncidentVisibleToAsync(CoordinationDbContext db, Guid? instanceId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var administered = MembershipClaim.From(user).Where(m => m.Role == MembershipRole.Administrator).Select(m => m.MunicipalityId).ToHashSet();
        if (administered.Count == 0)
        {
            return false;
        }

        if (instanceId is { } id && await MunicipalityOfAsync(db, id, cancellationToken) is { } municipality)
        {
            return administered.Contains(municipality);
        }

        var municipalities = await db.Municipalities.Select(m => m.Id).ToListAsync(cancellationToken);
        return municipalities.All(administered.Contains);
    }
}
