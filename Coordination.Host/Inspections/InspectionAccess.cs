using System.Security.Claims;
using Coordination.Workflows.Identity;

namespace Coordination.Host.Inspections;

/// <summary>
/// Who may do what in inspections, from the memberships in the principal: the licensing unit of
/// a municipality runs its inspections; the police, rescue service and tax agency of the same
/// municipality see only what they need to take part. Nothing crosses municipalities.
/// </summary>
internal static class InspectionAccess
{
    public static bool IsLicensing(this ClaimsPrincipal user, Guid municipalityId) =>
        MembershipClaim.From(user).Any(m => m.MunicipalityId == municipalityId && m.AgencyKind == AgencyKind.LicensingUnit
            && m.Role is MembershipRole.Staff or MembershipRole.Manager or MembershipRole.Coordinator);

    public static bool IsLicensingManager(this ClaimsPrincipal user, Guid municipalityId) =>
        MembershipClaim.From(user).Any(m => m.MunicipalityId == municipalityId && m.AgencyKind == AgencyKind.LicensingUnit
            && m.Role is MembershipRole.Manager or MembershipRole.Administrator);

    public static bool IsMemberOf(this ClaimsPrincipal user, Guid municipalityId, AgencyKind kind) =>
        MembershipClaim.From(user).Any(m => m.MunicipalityId == municipalityId && m.AgencyKind == kind
            && m.Role is MembershipRole.Staff or MembershipRole.Manager or MembershipRole.Coordinator);

    /// <summary>The participating agencies (police, rescue service, tax agency) the user works for in a municipality; administrators and auditors take no part.</summary>
    public static IReadOnlyList<AgencyKind> ParticipatingAgencies(this ClaimsPrincipal user, Guid municipalityId) =>
        MembershipClaim.From(user)
            .Where(m => m.MunicipalityId == municipalityId && m.AgencyKind is AgencyKind.Police or AgencyKind.RescueService or AgencyKind.TaxAgency
                && m.Role is MembershipRole.Staff or MembershipRole.Manager or MembershipRole.Coordinator)
            .Select(m => m.AgencyKind)
            .Distinct()
            .ToList();

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
}
