using System.Globalization;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Escalation;

/// <summary>
/// Overdue work escalates to an agency's managers, who see it in their overdue list ("no
/// deadline missed silently"). An agency without a manager (an account with the role that is not
/// disabled, ADR 0020), or one the municipality does not have, has nobody to see it: the escalation fails with <see cref="NoManagerToEscalateToException"/>,
/// which after the retries is an incident of the workflow for the municipality's administrators.
/// They give someone the manager role and retry it, which checks again.
/// </summary>
public static class EscalationRecipients
{
    /// <summary>A due time as an incident names it: UTC, to the minute.</summary>
    public static string Due(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Fails unless the agency has a manager; <paramref name="overdue"/> names the work for the incident.</summary>
    public static async Task EnsureManagerAsync(this CoordinationDbContext db, Guid agencyId, string overdue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agency = await db.Agencies.AsNoTracking()
            .Where(a => a.Id == agencyId)
            .Select(a => new { a.Name, Managed = db.Memberships.Any(m => m.AgencyId == a.Id && m.Role == MembershipRole.Manager && db.Users.Any(u => u.Id == m.UserId && u.DisabledAt == null)) })
            .FirstOrDefaultAsync(cancellationToken);
        if (agency is not { Managed: true })
        {
            throw NoManagerToEscalateToException.NoManager(overdue, agency is null ? $"agency {agencyId}" : $"{agency.Name} (agency {agencyId})");
        }
    }

    /// <summary>
    /// Fails unless the municipality's agency of <paramref name="kind"/> exists and has a manager:
    /// inspection work is kept per municipality and agency kind.
    /// </summary>
    public static async Task EnsureManagerAsync(this CoordinationDbContext db, Guid municipalityId, AgencyKind kind, string overdue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.MunicipalityId == municipalityId && a.Kind == kind)
            .Select(a => new { a.Id, a.Name, Managed = db.Memberships.Any(m => m.AgencyId == a.Id && m.Role == MembershipRole.Manager && db.Users.Any(u => u.Id == m.UserId && u.DisabledAt == null)) })
            .ToListAsync(cancellationToken);
        if (agencies.Count == 0)
        {
            var municipality = await db.Municipalities.AsNoTracking().Where(m => m.Id == municipalityId).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken);
            throw NoManagerToEscalateToException.NoAgency(overdue, kind.ToString(), municipality ?? $"municipality {municipalityId}");
        }

        if (!agencies.Any(a => a.Managed))
        {
            var agency = agencies[0];
            throw NoManagerToEscalateToException.NoManager(overdue, $"{agency.Name} (agency {agency.Id})");
        }
    }
}
