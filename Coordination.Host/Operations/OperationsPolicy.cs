using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Coordination.Host.Operations;

/// <summary>
/// Who may open operations: an administrator in any of their memberships. Each workflow instance's
/// journal, incidents and timers are then shown only to the administrators who answer for it
/// (<see cref="Security.WorkflowInstanceOwner"/>).
/// </summary>
internal static class OperationsPolicy
{
    public static AuthorizationPolicy Administrator { get; } = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireAssertion(context => MembershipClaim.From(context.User).Any(m => m.Role == MembershipRole.Administrator))
        .Build();
}
