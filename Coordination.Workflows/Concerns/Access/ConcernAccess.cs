using Coordination.Workflows.Concerns.Sharing;

namespace Coordination.Workflows.Concerns.Access;

/// <summary>
/// Decides what a user may see of a concern: social services of its municipality see all;
/// another agency of Workflow A (<see cref="ConcernAgencies"/>) sees the minimum fields only
/// while a recorded basis names it; the reporter sees their report and the feedback while they
/// work on cases in the agency they reported from (<see cref="IsReporter"/>); everyone
/// else, including other municipalities, administrators and the agencies that take part in
/// inspections only (even one a basis names), nothing.
/// </summary>
public static class ConcernAccess
{
    /// <summary>
    /// The viewer's access at <paramref name="at"/> (now): a consent past its last day shares
    /// nothing, even before its end has been carried out.
    /// </summary>
    public static ConcernAccessLevel For(CaseViewer viewer, Concern concern, IEnumerable<SharingBasis> bases, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(concern);
        if (viewer.IsSocialServices(concern.MunicipalityId))
        {
            return ConcernAccessLevel.Full;
        }

        var agencies = viewer.CaseAgencies(concern.MunicipalityId);
        if (SharedAgencies(bases.Where(b => b.AllowsSharingAt(at))).Intersect(agencies).Any())
        {
            return ConcernAccessLevel.Shared;
        }

        return IsReporter(viewer, concern) ? ConcernAccessLevel.Reporter : ConcernAccessLevel.None;
    }

    /// <summary>
    /// Whether the viewer is the concern's reporter now: the user who raised it, while they work on
    /// cases in the agency they raised it for. The report and social services' feedback (SoL
    /// 14:1b) are the reporting agency's, told to its official; a reporter who moved to another
    /// agency, or holds only an administrator's role, carries neither with them, as no one takes
    /// an agency's disclosures to another.
    /// </summary>
    public static bool IsReporter(CaseViewer viewer, Concern concern)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(concern);
        return concern.ReporterUserId == viewer.UserId && ConcernAgencies.Reporting(viewer.Memberships).Any(m => m.AgencyId == concern.ReporterAgencyId);
    }

    /// <summary>The agencies covered by a basis in force.</summary>
    public static IReadOnlyList<Guid> SharedAgencies(IEnumerable<SharingBasis> bases) =>
        bases.Where(b => b.InForce).SelectMany(b => b.AgencyIds).Distinct().ToList();

    /// <summary>
    /// Whether a basis that allows sharing at <paramref name="at"/> (<see cref="SharingBasis.AllowsSharingAt"/>)
    /// names <paramref name="agencyId"/>: the agency's tasks on the concern are acted on and listed
    /// only while one does, even before a withdrawal's or a consent's end has cancelled them.
    /// </summary>
    public static bool SharesWithAt(IEnumerable<SharingBasis> bases, Guid agencyId, DateTimeOffset at) =>
        bases.Any(b => b.AllowsSharingAt(at) && b.AgencyIds.Contains(agencyId));

    /// <summary>Whether <paramref name="agencyId"/> was covered by a basis at <paramref name="at"/> (a consent until its end, even one not yet carried out).</summary>
    public static bool WasSharedWith(IEnumerable<SharingBasis> bases, Guid agencyId, DateTimeOffset at) =>
        bases.Any(b => b.AgencyIds.Contains(agencyId) && b.RecordedAt <= at && (b.WithdrawnAt is null || at < b.WithdrawnAt) && (b.EndsAt is null || at < b.EndsAt));
}
