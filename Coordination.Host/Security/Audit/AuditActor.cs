using System.Security.Claims;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns.Access;

namespace Coordination.Host.Security.Audit;

/// <summary>Audit records on behalf of the signed-in user of the request.</summary>
internal static class AuditActor
{
    public static AuditRecord Audit(
        this ClaimsPrincipal user, AuditAction action, string subjectType, object subjectId, Guid? municipalityId, string basis, string detail = "") =>
        new(action, UserId(user), Name(user), subjectType, Convert.ToString(subjectId, System.Globalization.CultureInfo.InvariantCulture) ?? "", municipalityId, basis, detail);

    public static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string Name(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue(ClaimTypes.Name) ?? "anonymous";

    /// <summary>The name of the request's user acting as <paramref name="viewer"/>; outside a request, the viewer's id.</summary>
    public static string Name(CaseViewer viewer, IHttpContextAccessor http) =>
        http.HttpContext?.User is { } user ? Name(user) : viewer.UserId.ToString();
}
