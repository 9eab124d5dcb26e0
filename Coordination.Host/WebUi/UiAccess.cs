using System.Security.Claims;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Identity;

namespace Coordination.Host.WebUi;

/// <summary>
/// Which parts of the web UI a signed-in user may open, read from their memberships. The
/// navigation and the page folders' authorization policies both ask here, so a link is shown
/// exactly when its page would open. The API's own rules still decide what each page shows.
/// </summary>
internal static class UiAccess
{
    public const string RaisesConcerns = "ui:raises-concerns";
    public const string WorksOnTasks = "ui:works-on-tasks";
    public const string Manages = "ui:manages";
    public const string Inspects = "ui:inspects";
    public const string Administers = "ui:administers";
    public const string ReadsInspectionSettings = "ui:reads-inspection-settings";
    public const string Audits = "ui:audits";

    private static readonly AgencyKind[] InspectionAgencies = [AgencyKind.LicensingUnit, AgencyKind.Police, AgencyKind.RescueService, AgencyKind.TaxAgency];

    public static bool CanRaiseConcerns(IReadOnlyList<MembershipClaim> memberships) =>
        ConcernAgencies.Reporting(memberships).Any();

    public static bool CanWorkOnTasks(IReadOnlyList<MembershipClaim> memberships) =>
        ConcernAgencies.Reporting(memberships).Any();

    /// <summary>The managers' dashboard of overdue work: managers of the agencies of either workflow.</summary>
    public static bool CanManage(IReadOnlyList<MembershipClaim> memberships) =>
        memberships.Any(m => m.Role == MembershipRole.Manager && (ConcernAgencies.Includes(m.AgencyKind) || InspectionAgencies.Contains(m.AgencyKind)));

    public static bool CanInspect(IReadOnlyList<MembershipClaim> memberships) =>
        memberships.Any(m => ConcernAgencies.IsCaseRole(m.Role) && InspectionAgencies.Contains(m.AgencyKind));

    /// <summary>
    /// The licensing unit's own inspection settings: its staff read them, its managers and
    /// administrators change them (the settings API's rule). Administrators take no part in
    /// inspections otherwise, so this is not <see cref="CanInspect"/>.
    /// </summary>
    public static bool CanReadInspectionSettings(IReadOnlyList<MembershipClaim> memberships) =>
        memberships.Any(InLicensingUnit);

    /// <summary>A membership of a licensing unit through which its inspection settings are read: any role but auditor.</summary>
    public static bool InLicensingUnit(MembershipClaim membership) =>
        membership.AgencyKind == AgencyKind.LicensingUnit && (ConcernAgencies.IsCaseRole(membership.Role) || membership.Role == MembershipRole.Administrator);

    public static bool CanAdminister(IReadOnlyList<MembershipClaim> memberships) =>
        memberships.Any(m => m.Role == MembershipRole.Administrator);

    /// <summary>The audit log page: auditors, as <c>/api/audit</c> (its entries of their municipalities only).</summary>
    public static bool CanAudit(IReadOnlyList<MembershipClaim> memberships) =>
        memberships.Any(m => m.Role == MembershipRole.Auditor);

    public static IReadOnlyList<MembershipClaim> Memberships(this ClaimsPrincipal user) => MembershipClaim.From(user);
}
