using System.Security.Claims;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Identity;

namespace Coordination.Host.Concerns;

/// <summary>The signed-in user as the access rules see them, read from the cookie's or token's claims.</summary>
internal static class Viewers
{
    public static CaseViewer Viewer(this ClaimsPrincipal user) =>
        new(Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!), MembershipClaim.From(user));
}
