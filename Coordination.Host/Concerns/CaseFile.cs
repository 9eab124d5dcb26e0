using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>A concern as one request sees it at <paramref name="At"/>: the report, its workflow state, its sharing bases and the viewer's access.</summary>
internal sealed record CaseFile(Concern Concern, ConcernState? State, List<SharingBasis> Bases, CaseViewer Viewer, ConcernAccessLevel Access, DateTimeOffset At)
{
    /// <summary>The bases that allow sharing now (<see cref="SharingBasis.AllowsSharingAt"/>).</summary>
    public IEnumerable<SharingBasis> SharingNow => Bases.Where(b => b.AllowsSharingAt(At));

    /// <summary>
    /// When the concern was closed: by its workflow's state, or, until the workflow has consumed
    /// the close, by the close request's own record (<see cref="Concern.ClosedAt"/>), so a request
    /// right after a close is refused as on a closed concern.
    /// </summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Loads the concern for social services' work on it, or the refusal to answer with.</summary>
    public static async Task<(CaseFile? File, Refusal? Refusal)> ForSocialServicesAsync(
        CoordinationDbContext db, Guid concernId, CaseViewer viewer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = await LoadAsync(db, concernId, viewer, clock, cancellationToken);
        return file switch
        {
            null => (null, Refusal.NotFound("Concern")),
            { Access: ConcernAccessLevel.Full } => (file, null),
            _ when viewer.Administers(file.Concern.MunicipalityId) && file.Access == ConcernAccessLevel.None =>
                (null, Refusal.Forbidden("Administrators manage users and settings; they do not read case content.")),
            { Access: ConcernAccessLevel.None } => (null, Refusal.NotFound("Concern")),
            _ => (null, Refusal.Forbidden("Only social services of the concern's municipality may do this.")),
        };
    }

    public static async Task<CaseFile?> LoadAsync(CoordinationDbContext db, Guid concernId, CaseViewer viewer, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var concern = await db.Set<Concern>().FirstOrDefaultAsync(c => c.Id == concernId, cancellationToken);
        if (concern is null || !viewer.BelongsTo(concern.MunicipalityId))
        {
            return null;
        }

        var state = await db.Set<ConcernState>().AsNoTracking().FirstOrDefaultAsync(s => s.CorrelationId == concernId, cancellationToken);
        var bases = await db.Set<SharingBasis>().Where(b => b.ConcernId == concernId).OrderBy(b => b.RecordedAt).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return new CaseFile(concern, state, bases, viewer, ConcernAccess.For(viewer, concern, bases, now), now) { ClosedAt = state?.ClosedAt ?? concern.ClosedAt };
    }
}
