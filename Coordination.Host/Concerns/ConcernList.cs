using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// The concerns a user may find again, newest first: social services every concern of their
/// municipality, another agency those shared with it while a basis is in force, a reporter the
/// concerns they raised while they work in the agency they raised them for. Each row is cut by <see cref="ConcernAccess"/> and <see cref="ConcernView"/>
/// exactly as the case page is, and each row shown is audited as one read (issue 7).
/// </summary>
/// <remarks>
/// The candidates are chosen in the database (municipality, reporter, a basis in force, open or
/// closed, urgency); the access level, the category and the text search are applied to them in
/// memory, because the agencies a basis names and the categories are stored as lists, and so is
/// open or closed for the concerns the viewer reported, whose row shows it only at shared access. Only the
/// columns a row shows are read, never the report's free text: a municipality's retained
/// concerns (thousands, not millions) are a few hundred bytes each. Concerns raised at the same
/// moment keep one order (by id), so pages neither repeat nor skip a row.
/// </remarks>
public sealed class ConcernList(CoordinationDbContext db, AuditTrail audit, IHttpContextAccessor http, TimeProvider clock)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 100;

    public async Task<ConcernListPage> ListAsync(CaseViewer viewer, ConcernListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var municipalities = viewer.Memberships.Select(m => m.MunicipalityId).Distinct().ToList();
        var fullIn = municipalities.Where(viewer.IsSocialServices).ToList();
        var partlyIn = municipalities.Except(fullIn).ToList();
        var user = viewer.UserId;

        // A reporter's own concerns, while they work on cases in the agency they raised them for (ConcernAccess.IsReporter).
        var reportsFor = ConcernAgencies.Reporting(viewer.Memberships).Select(m => m.AgencyId).Distinct().ToList();
        var shared = db.Set<SharingBasis>().Where(b => b.WithdrawnAt == null).Select(b => b.ConcernId);

        var candidates =
            from c in db.Set<Concern>().AsNoTracking()
            join s in db.Set<ConcernState>().AsNoTracking() on c.Id equals s.CorrelationId into states
            from s in states.DefaultIfEmpty()
            where fullIn.Contains(c.MunicipalityId)
                || (partlyIn.Contains(c.MunicipalityId) && (c.ReporterUserId == user && reportsFor.Contains(c.ReporterAgencyId) || shared.Contains(c.Id)))
            select new { Concern = c, State = s };

        // Open or closed is a status the reporter's row does not show, so it does not filter the
        // concerns the viewer raised in a municipality where they are not social services (the
        // row is cut to its access level below): a report that left the open list when closed
        // would tell the reporter what the row hides.
        candidates = filter.Status switch
        {
            ConcernListStatus.Open => candidates.Where(r => r.State == null || r.State.ClosedAt == null
                || (partlyIn.Contains(r.Concern.MunicipalityId) && r.Concern.ReporterUserId == user && reportsFor.Contains(r.Concern.ReporterAgencyId))),
            ConcernListStatus.Closed => candidates.Where(r => (r.State != null && r.State.ClosedAt != null)
                || (partlyIn.Contains(r.Concern.MunicipalityId) && r.Concern.ReporterUserId == user && reportsFor.Contains(r.Concern.ReporterAgencyId))),
            _ => candidates,
        };
        if (filter.Urgency is { } urgency)
        {
            candidates = candidates.Where(r => r.Concern.Urgency == urgency);
        }

        // The columns a row shows, never the report's free text (a row has no use for it).
        var rows = await candidates
            .OrderByDescending(r => r.Concern.RaisedAt)
            .ThenBy(r => r.Concern.Id)
            .Select(r => new
            {
                Concern = new Concern
                {
                    Id = r.Concern.Id,
                    MunicipalityId = r.Concern.MunicipalityId,
                    PersonalIdentityNumber = r.Concern.PersonalIdentityNumber,
                    YoungPersonName = r.Concern.YoungPersonName,
                    BirthDate = r.Concern.BirthDate,
                    HasProtectedIdentity = r.Concern.HasProtectedIdentity,
                    School = r.Concern.School,
                    Categories = r.Concern.Categories,
                    Urgency = r.Concern.Urgency,
                    Description = string.Empty,
                    GuardianKnowledge = string.Empty,
                    ReporterUserId = r.Concern.ReporterUserId,
                    ReporterAgencyId = r.Concern.ReporterAgencyId,
                    RaisedAt = r.Concern.RaisedAt,
                },
                r.State,
            })
            .ToListAsync(cancellationToken);

        var ids = rows.Where(r => !fullIn.Contains(r.Concern.MunicipalityId)).Select(r => r.Concern.Id).ToList();
        var bases = (ids.Count == 0 ? [] : await db.Set<SharingBasis>().AsNoTracking().Where(b => ids.Contains(b.ConcernId)).ToListAsync(cancellationToken))
            .ToLookup(b => b.ConcernId);

        var now = clock.GetUtcNow();
        var visible = rows
            .Select(r => new CaseFile(r.Concern, r.State, [.. bases[r.Concern.Id]], viewer, ConcernAccess.For(viewer, r.Concern, bases[r.Concern.Id], now), now))
            .Where(f => f.Access != ConcernAccessLevel.None)
            .Where(f => f.Access == ConcernAccessLevel.Reporter || HasStatus(f.State, filter.Status))
            .Where(f => filter.Category is not { } category || f.Concern.Categories.Contains(category))
            .Select(f => new ConcernListItem(View(f, viewer)))
            .Where(item => Matches(item, filter.Search))
            .ToList();

        var page = visible.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToList();
        if (page.Count > 0)
        {
            foreach (var item in page)
            {
                audit.Record(CaseReadAudit.Of(FileOf(item, viewer, now), "case list", http));
            }

            await audit.SaveChangesAsync(cancellationToken);
        }

        return new ConcernListPage(visible.Count, filter.Page, filter.PageSize, page);
    }

    private static ConcernView View(CaseFile file, CaseViewer viewer) =>
        new(file.Access, file.Concern, file.State, file.Bases, [], null, [], [], HasPlan: false)
        {
            ViewerIsReporter = ConcernAccess.IsReporter(viewer, file.Concern),
        };

    private static CaseFile FileOf(ConcernListItem item, CaseViewer viewer, DateTimeOffset at) =>
        new(item.View.Concern, item.View.State, [.. item.View.LegalBases], viewer, item.View.Access, at);

    /// <summary>
    /// Whether a row the viewer sees at <see cref="ConcernAccessLevel.Shared"/> or
    /// <see cref="ConcernAccessLevel.Full"/> access, which shows whether it is open or closed, has
    /// the status asked for. A reporter's row shows neither and has every status.
    /// </summary>
    private static bool HasStatus(ConcernState? state, ConcernListStatus status) => status switch
    {
        ConcernListStatus.Open => state?.ClosedAt is null,
        ConcernListStatus.Closed => state?.ClosedAt is not null,
        _ => true,
    };

    /// <summary>
    /// The search looks only at what the row shows this viewer: the name (unless protected) and,
    /// for social services, the personal identity number, with or without its hyphen.
    /// </summary>
    private static bool Matches(ConcernListItem item, string? search)
    {
        if (string.IsNullOrEmpty(search))
        {
            return true;
        }

        var view = item.View;
        if (view.Access == ConcernAccessLevel.Reporter)
        {
            return false;
        }

        if (view.YoungPersonName is { } name && name != ConcernView.ProtectedIdentity
            && name.Contains(search, StringComparison.CurrentCultureIgnoreCase))
        {
            return true;
        }

        var digits = new string([.. search.Where(char.IsAsciiDigit)]);
        return view.Access == ConcernAccessLevel.Full && digits.Length >= 4 && view.Concern.PersonalIdentityNumber is { } number
            && number.Replace("-", "", StringComparison.Ordinal).Contains(digits, StringComparison.Ordinal);
    }
}

/// <summary>Which concerns to list: open (the default), closed or all.</summary>
public enum ConcernListStatus
{
    Open,
    Closed,
    All,
}

/// <summary>The list's filters and page, already checked (<see cref="ConcernListEndpoints"/>).</summary>
public sealed record ConcernListFilter(
    ConcernListStatus Status = ConcernListStatus.Open,
    ConcernCategory? Category = null,
    ConcernUrgency? Urgency = null,
    string? Search = null,
    int Page = 1,
    int PageSize = ConcernList.DefaultPageSize);

/// <summary>One page of the list and how many rows all pages hold.</summary>
public sealed record ConcernListPage(int Total, int Page, int PageSize, IReadOnlyList<ConcernListItem> Items)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>One row: the concern as the viewer may see it, and social services' next legal deadline.</summary>
public sealed record ConcernListItem(ConcernView View)
{
    /// <summary>
    /// For social services, the next step the law times and when it is due: the first of
    /// <see cref="OverdueQuery.OpenAssessments"/> (the protective assessment, then the preliminary
    /// decision, then an open investigation), as the dashboard counts them. Null once none is
    /// pending, when the case is closed, and for every other viewer.
    /// </summary>
    public (string Step, DateTimeOffset DueAt)? NextDeadline =>
        View.Access == ConcernAccessLevel.Full && View.State is { ClosedAt: null } s && OverdueQuery.OpenAssessments(s).FirstOrDefault() is { } next
            ? (next.Assessment, next.DueAt)
            : null;
}
