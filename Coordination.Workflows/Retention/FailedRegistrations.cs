using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Retention;

/// <summary>
/// Concerns whose registration failed for good. The request that raises a concern stores the
/// report and its chronology, and publishes <see cref="ConcernRaised"/>, which starts the
/// concern's workflow. When that message fails every retry it becomes an incident and the
/// concern has no workflow state: it can be neither assessed nor closed (the API answers
/// "still being registered"), so it would never reach a closed concern's retention period.
/// Such a concern is erased under that period, counted from when it was last touched: raised,
/// written in its chronology (its tasks' reminders and escalations included), and its
/// registration failed or retried. Its registration incident must still be unresolved (open,
/// or retried without success); a registration still on its way has none.
/// </summary>
internal static class FailedRegistrations
{
    /// <summary>The message type of a registration, as an incident records it.</summary>
    private static readonly string RegistrationMessage = MessageUrn.ForTypeString<ConcernRaised>();

    /// <summary>Concerns with no workflow state, raised and last written in their chronology by <paramref name="cutoff"/>.</summary>
    public static IQueryable<Concern> Unregistered(CoordinationDbContext db, DateTimeOffset cutoff) =>
        db.Set<Concern>().AsNoTracking().Where(c =>
            c.RaisedAt <= cutoff
            && !db.Set<ConcernState>().Any(s => s.CorrelationId == c.Id)
            && !db.Set<CaseEvent>().Any(e => e.ConcernId == c.Id && e.At > cutoff));

    /// <summary>
    /// Whether the registration of an <see cref="Unregistered"/> concern failed and is left so:
    /// an incident of it is unresolved, and none failed or was retried after <paramref name="cutoff"/>.
    /// </summary>
    public static async Task<bool> FailedAndLeftAsync(CoordinationDbContext db, Guid concernId, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        await IncidentsOf(db, concernId).AnyAsync(i => i.Status != IncidentStatus.Resolved, cancellationToken)
        && !await IncidentsOf(db, concernId).AnyAsync(i => i.OccurredAt > cutoff || i.RetriedAt > cutoff, cancellationToken);

    /// <summary>
    /// Deletes the concern's unresolved registration incidents while it is still due, in the
    /// erasing transaction: a second sweep then finds none to delete, and a concern registered,
    /// written in or retried since the list was read is left alone. Returns the rows deleted.
    /// </summary>
    public static Task<int> ClaimAsync(CoordinationDbContext db, Guid concernId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var incidents = IncidentsOf(db, concernId);
        var unregistered = Unregistered(db, cutoff);
        return incidents
            .Where(i => i.Status != IncidentStatus.Resolved)
            .Where(_ => unregistered.Any(c => c.Id == concernId) && !incidents.Any(i => i.OccurredAt > cutoff || i.RetriedAt > cutoff))
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The incidents of the concern's registration, found by the concern's id in the message's
    /// body: an incident names no instance when what failed was the workflow's first write.
    /// </summary>
    private static IQueryable<Incident> IncidentsOf(CoordinationDbContext db, Guid concernId)
    {
        var text = concernId.ToString("D");
        return db.Set<Incident>().Where(i => i.MessageType.Contains(RegistrationMessage) && i.Body.Contains(text));
    }
}
