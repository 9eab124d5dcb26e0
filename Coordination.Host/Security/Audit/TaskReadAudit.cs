using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// The audit entries of the rows of a task list (<see cref="Concerns.TaskQueries"/>, the one read
/// path of the API's lists and the task page): a row says which concern about a young person an
/// agency works on, what it is to do (a plan action's text), by when and who holds it, so each row
/// shown is one read, as a row of the list of concerns is. The entry's record is the task; its
/// detail names the concern, so a search by the concern's id finds it too. Saved in a scope of
/// their own: the task page lists again after a refused action, whose unsaved change (an answer
/// the database refused) is neither saved with them nor stops them.
/// </summary>
public sealed class TaskReadAudit(IServiceScopeFactory scopes, IHttpContextAccessor http)
{
    /// <summary>Social services' own tasks (assessments, feedback, their plan actions) are theirs under no other basis.</summary>
    public const string SocialServices = "Social services of the municipality";

    private const string Fields = "kind, title (a plan action's text), due date, state, owner, reminders and escalation, decline reason";

    /// <summary>
    /// Records each of <paramref name="tasks"/>, shown in <paramref name="list"/>: another agency's
    /// task under the bases that share the concern with the agency at <paramref name="at"/>.
    /// </summary>
    public async Task ListedAsync(
        CaseViewer viewer, string list, IReadOnlyList<AgencyTaskState> tasks, ILookup<Guid, SharingBasis> bases, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(bases);
        if (tasks.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var actor = AuditActor.Name(viewer, http);
        foreach (var task in tasks)
        {
            var basis = task.EndsWithSharing
                ? string.Join("; ", bases[task.ConcernId].Where(b => b.AllowsSharingAt(at) && b.AgencyIds.Contains(task.AgencyId)).Select(CaseReadAudit.Describe))
                : SocialServices;
            trail.Record(new AuditRecord(
                AuditAction.PersonalDataRead, viewer.UserId, actor, "AgencyTask", task.CorrelationId.ToString(), task.MunicipalityId, basis,
                $"task list ({list}); concern {task.ConcernId}; fields: {Fields}"));
        }

        await trail.SaveChangesAsync(cancellationToken);
    }
}
