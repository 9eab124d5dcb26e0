using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Coordination.Host.Security.Audit;

/// <summary>Who may read the audit log: auditors search and export it; auditors and administrators verify it.</summary>
internal static class AuditPolicy
{
    public static AuthorizationPolicy Auditor { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireAssertion(context => MembershipClaim.From(context.User).Any(m => m.Role == MembershipRole.Auditor))
        .Build();

    public static AuthorizationPolicy AuditorOrAdministrator { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireAssertion(context => MembershipClaim.From(context.User).Any(m => m.Role is MembershipRole.Auditor or MembershipRole.Administrator))
        .Build();
}
