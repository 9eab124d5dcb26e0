using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Coordination.Host.Operations;

/// <summary>Who may operate the runtime: an administrator in any of their memberships.</summary>
internal static class OperationsPolicy
{
    public static AuthorizationPolicy Administrator { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireAssertion(context => MembershipClaim.From(context.User).Any(m => m.Role == MembershipRole.Administrator))
        .Build();
}
