using Coordination.Workflows.Identity;

namespace Coordination.Workflows.Concerns.Access;

/// <summary>
/// The agencies of Workflow A (DOMAIN.md): school, social services, police and leisure raise
/// concerns and take joint-work tasks. The licensing unit, the rescue service and the tax agency
/// take part in inspections only.
/// </summary>
public static class ConcernAgencies
{
    private static readonly AgencyKind[] Kinds = [AgencyKind.School, AgencyKind.SocialServices, AgencyKind.Police, AgencyKind.Leisure];

    public static bool Includes(AgencyKind kind) => Kinds.Contains(kind);

    /// <summary>Staff, managers and coordinators work on cases; administrators and auditors do not.</summary>
    public static bool IsCaseRole(MembershipRole role) => role is MembershipRole.Staff or MembershipRole.Manager or MembershipRole.Coordinator;

    /// <summary>Memberships through which this user may raise a concern.</summary>
    public static IEnumerable<MembershipClaim> Reporting(IEnumerable<MembershipClaim> memberships) =>
        memberships.Where(m => IsCaseRole(m.Role) && Includes(m.AgencyKind));
}
