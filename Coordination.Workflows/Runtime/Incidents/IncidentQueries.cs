using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>Lists incidents for operators, newest first.</summary>
public sealed class IncidentQueries(CoordinationDbContext db)
{
    /// <summary>
    /// First marks retried incidents whose message the inbox shows consumed as resolved: the
    /// inbox already records every successful consumption, so nothing is added to the hot path.
    /// </summary>
    public async Task<IReadOnlyList<Incident>> ListAsync(IncidentStatus? status, CancellationToken cancellationToken)
    {
        var consumed = await db.Set<Incident>()
            .Where(i => i.Status == IncidentStatus.Retried)
            .Join(db.Set<InboxState>(), i => i.MessageId, s => s.MessageId, (i, s) => new { Incident = i, s.ConsumedAt })
            .ToListAsync(cancellationToken);
        foreach (var entry in consumed)
        {
            entry.Incident.Status = IncidentStatus.Resolved;
            entry.Incident.ResolvedAt = entry.ConsumedAt;
        }

        await db.SaveChangesAsync(cancellationToken);

        var incidents = db.Set<Incident>().AsNoTracking();
        if (status is { } wanted)
        {
            incidents = incidents.Where(i => i.Status == wanted);
        }

        var list = await incidents.ToListAsync(cancellationToken);
        return list.OrderByDescending(i => i.OccurredAt).ToList();
    }
}
