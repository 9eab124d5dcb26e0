using System.Globalization;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// A manager hands all open work one member holds in the agency (concern tasks and pending
/// reviews) to another member who may take it, in one step: for a colleague who left, or whose
/// account was disabled (ADR 0020). Each item is reassigned exactly as one at a time is
/// (<see cref="TaskCommands.ReassignAsync(Guid, Guid?, CaseViewer, Guid?, CancellationToken)"/>,
/// <see cref="ReviewCommands.ReassignAsync(Guid, Guid, Guid?, CaseViewer, Guid?, CancellationToken)"/>):
/// its own workflow message, chronology entry and version, and its own refusal when it was closed
/// or given to someone else at the same moment. A repeat hands over only what the member still holds.
/// The hand-over itself is one <see cref="AuditAction.WorkHandedOver"/> entry (who handed whose work
/// to whom, in which agency, how many items moved and which did not), committed in one transaction
/// with the items' changes: both or neither. The API and the managers' dashboard act through here.
/// </summary>
public sealed class WorkHandover(
    CoordinationDbContext db, AgencyDirectory directory, TaskCommands tasks, ReviewCommands reviews, AuditTrail audit, IHttpContextAccessor http)
{
    public async Task<Answer<HandedOver>> HandOverAsync(Guid municipalityId, Guid agencyId, Guid? fromUserId, Guid? toUserId, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksIn(agencyId) || !await db.Agencies.AnyAsync(a => a.Id == agencyId && a.MunicipalityId == municipalityId, cancellationToken))
        {
            return Refusal.NotFound("Agency");
        }

        if (!viewer.Manages(agencyId))
        {
            return Refusal.Forbidden("Only the agency's managers hand over a member's work.");
        }

        var errors = new ValidationErrors();
        if (fromUserId is not { } from || !await directory.HoldsWorkInAsync([agencyId], from, cancellationToken))
        {
            errors.Add("fromUserId", "Name a member of the agency, or someone who still holds work in it, whose work is handed over.");
        }

        if (toUserId is not { } to || !await AgencyDirectory.CaseMemberships(db, agencyId).AnyAsync(m => m.UserId == to, cancellationToken))
        {
            errors.Add("toUserId", "Name a member of the agency who works on cases (staff, manager or coordinator), whose account is not disabled.");
        }
        else if (to == fromUserId)
        {
            errors.Add("toUserId", "Name another member than the one whose work is handed over.");
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var heldTasks = await db.Open().Where(t => t.AgencyId == agencyId && t.OwnerUserId == fromUserId)
            .OrderBy(t => t.OfferedAt).Select(t => t.CorrelationId).ToListAsync(cancellationToken);
        var heldReviews = await AgencyDirectory.PendingReviewsHeld(db, [agencyId], fromUserId!.Value)
            .OrderBy(r => r.Number).Select(r => new { r.CorrelationId, r.ConcernId }).ToListAsync(cancellationToken);

        var handedTasks = new List<Guid>();
        var handedReviews = new List<Guid>();
        var refused = new List<NotHandedOver>();
        foreach (var id in heldTasks)
        {
            var answer = await tasks.ReassignAsync(id, toUserId, viewer, fromUserId, cancellationToken);
            Record(answer, "task", id, handedTasks, refused);
        }

        foreach (var review in heldReviews)
        {
            var answer = await reviews.ReassignAsync(review.ConcernId, review.CorrelationId, toUserId, viewer, fromUserId, cancellationToken);
            Record(answer, "review", review.CorrelationId, handedReviews, refused);
        }

        var done = new HandedOver(handedTasks, handedReviews, refused);
        audit.Record(await AuditOfAsync(municipalityId, agencyId, fromUserId!.Value, toUserId!.Value, viewer, done, cancellationToken));
        await audit.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Answers.Of(done);
    }

    /// <summary>An item given to someone else (or taken back) between the reading of the held work and its reassignment.</summary>
    internal static Refusal NoLongerHeld(string what) =>
        Refusal.Conflict("No longer held", $"The {what} is no longer held by the member whose work is handed over: it was given to someone else at the same moment.");

    /// <summary>
    /// The entry of one hand-over, the members by e-mail address and id (the one whose work it was
    /// may have left; the address still names them), the agency by name and id.
    /// </summary>
    private async Task<AuditRecord> AuditOfAsync(Guid municipalityId, Guid agencyId, Guid from, Guid to, CaseViewer viewer, HandedOver done, CancellationToken cancellationToken)
    {
        var emails = await db.Users.AsNoTracking().Where(u => u.Id == from || u.Id == to).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        string Named(Guid id) => emails.GetValueOrDefault(id) is { } email ? $"{email} ({id})" : id.ToString();
        var refused = done.NotHandedOver.Count == 0
            ? string.Empty
            : "; not handed over: " + string.Join(", ", done.NotHandedOver.Select(n => $"{n.Kind} {n.Id} ({n.Reason})"));
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"work of {Named(from)} in {agency} ({agencyId}) handed to {Named(to)}: {done.Tasks.Count} tasks and {done.Reviews.Count} reviews moved, {done.NotHandedOver.Count} not handed over{refused}");
        return new AuditRecord(AuditAction.WorkHandedOver, viewer.UserId, AuditActor.Name(viewer, http), "User", from.ToString(), municipalityId, "Manager of the agency", detail);
    }

    private static void Record(Answer<Guid> answer, string kind, Guid id, List<Guid> handed, List<NotHandedOver> refused)
    {
        if (answer.Refusal is { } refusal)
        {
            refused.Add(new NotHandedOver(kind, id, refusal.Title, refusal.Detail));
        }
        else
        {
            handed.Add(id);
        }
    }
}
