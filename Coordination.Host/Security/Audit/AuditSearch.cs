using System.Security.Claims;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// The entries an auditor may search, narrowed by an <see cref="AuditQuery"/>, and the CSV export
/// of them: one rule for <c>/api/audit</c> and the audit log page.
/// </summary>
internal static class AuditSearch
{
    public static IQueryable<AuditEntry> Entries(CoordinationDbContext db, AuditQuery query, ClaimsPrincipal user)
    {
        var municipalities = MembershipClaim.From(user).Where(m => m.Role == MembershipRole.Auditor).Select(m => m.MunicipalityId).Distinct().ToList();

        // An entry of no municipality (a sign-in, a sign-out, an export) is about its actor: an
        // auditor sees those of the people who work in one of the auditor's municipalities, and
        // failed sign-ins to an address that is nobody's account, which no municipality owns.
        var members = db.Set<Membership>().Where(m => municipalities.Contains(m.Agency!.MunicipalityId)).Select(m => m.UserId);
        var entries = db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.MunicipalityId != null
                ? municipalities.Contains(e.MunicipalityId.Value)
                : e.ActorUserId == null || members.Contains(e.ActorUserId.Value));
        if (query.ActorUserId is { } actor)
        {
            entries = entries.Where(e => e.ActorUserId == actor);
        }

        if (query.ActorName is { } name)
        {
            // Addresses are compared without case, as mail systems do: the database's lower(),
            // which both providers translate ToLower() to, on the stored side.
            var lower = name.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL, never run in .NET
            entries = entries.Where(e => e.Actor.ToLower() == lower);
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.SubjectType is { } type)
        {
            entries = entries.Where(e => e.SubjectType == type);
        }

        if (query.SubjectId is { } id)
        {
            // An id in any case or format finds the record's entries, which name it in lower
            // case. A page load is one entry, named by the page's record; the other records it
            // showed are named in its detail by id (the venue on a protocol or a supervision
            // case): a search for one of those finds the page load too.
            entries = Guid.TryParse(id, out var recordId) && recordId.ToString() is var named
                ? entries.Where(e => e.SubjectId == id || e.SubjectId == named || e.Detail.Contains(named))
                : entries.Where(e => e.SubjectId == id);
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At <= to);
        }

        return entries;
    }

    /// <summary>
    /// Every entry the search finds, oldest first, as CSV. An export carries personal-data
    /// references out of the service, so it is itself an entry, saved before the file is given.
    /// </summary>
    public static async Task<byte[]> ExportAsync(
        CoordinationDbContext db, AuditTrail trail, AuditQuery query, ClaimsPrincipal user, string? filter, CancellationToken cancellationToken)
    {
        var entries = await Entries(db, query with { Limit = int.MaxValue }, user).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        trail.Record(user.Audit(AuditAction.AuditExported, "AuditLog", "export", null, "Auditor", $"{entries.Count} entries; filter {filter}"));
        await trail.SaveChangesAsync(cancellationToken);
        return System.Text.Encoding.UTF8.GetBytes(AuditCsv.Write(entries));
    }
}
