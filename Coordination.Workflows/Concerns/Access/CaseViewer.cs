using Coordination.Workflows.Identity;

namespace Coordination.Workflows.Concerns.Access;

/// <summary>
/// The signed-in user as access rules see them: their id and memberships. Only staff,
/// managers and coordinators read case content; administrators and auditors never do.
/// </summary>
public sealed record CaseViewer(Guid UserId, IReadOnlyList<MembershipClaim> Memberships)
{
    private static readonly MembershipRole[] CaseRoles = [MembershipRole.Staff, MembershipRole.Manager, MembershipRole.Coordinator];

    public bool BelongsTo(Guid municipalityId) => Memberships.Any(m => m.MunicipalityId == municipalityId);

    public bool IsSocialServices(Guid municipalityId) =>
        Memberships.Any(m => m.MunicipalityId == municipalityId && m.AgencyKind == AgencyKind.SocialServices && CaseRoles.Contains(m.Role));

    /// <summary>
    /// The agencies of the municipality in which the user works on concerns: those of Workflow A
    /// only (<see cref="ConcernAgencies"/>), so that a basis naming an agency that takes part in
    /// inspections only (recorded before the API refused it) shares nothing with it.
    /// </summary>
    public IReadOnlyList<Guid> CaseAgencies(Guid municipalityId) =>
        Memberships.Where(m => m.MunicipalityId == municipalityId && CaseRoles.Contains(m.Role) && ConcernAgencies.Includes(m.AgencyKind)).Select(m => m.AgencyId).Distinct().ToList();

    /// <summary>
    /// Every agency, in any municipality, in which the user works on concerns: of Workflow A only,
    /// as <see cref="CaseAgencies"/>, so that a task offered to an agency that takes part in
    /// inspections only (under a basis recorded before the API refused such a party) is in no inbox.
    /// </summary>
    public IReadOnlyList<Guid> AllCaseAgencies() =>
        Memberships.Where(m => CaseRoles.Contains(m.Role) && ConcernAgencies.Includes(m.AgencyKind)).Select(m => m.AgencyId).Distinct().ToList();

    public bool WorksIn(Guid agencyId) => Memberships.Any(m => m.AgencyId == agencyId && CaseRoles.Contains(m.Role));

    public bool Manages(Guid agencyId) => Memberships.Any(m => m.AgencyId == agencyId && m.Role == MembershipRole.Manager);

    /// <summary>
    /// Whether the user may act on a task of <paramref name="agencyId"/> that <paramref name="ownerUserId"/>
    /// holds: staff on their own and on those nobody holds yet; the agency's managers (all its
    /// tasks) and coordinators (who run the cases across agencies) on every one.
    /// </summary>
    public bool MayWorkOn(Guid agencyId, Guid? ownerUserId) =>
        WorksIn(agencyId)
        && (ownerUserId is null || ownerUserId == UserId
            || Memberships.Any(m => m.AgencyId == agencyId && m.Role is MembershipRole.Manager or MembershipRole.Coordinator));

    public bool Administers(Guid municipalityId) =>
        Memberships.Any(m => m.MunicipalityId == municipalityId && m.Role == MembershipRole.Administrator);

    public IReadOnlyList<MembershipClaim> ManagerMemberships() => Memberships.Where(m => m.Role == MembershipRole.Manager).ToList();
}
