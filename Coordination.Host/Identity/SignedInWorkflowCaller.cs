using System.Security.Claims;
using Coordination.Workflows.Runtime.Journal;

namespace Coordination.Host.Identity;

/// <summary>The signed-in user of the current HTTP request, as the cause of the messages it sends.</summary>
internal sealed class SignedInWorkflowCaller(IHttpContextAccessor http) : IWorkflowCaller
{
    public string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
}
