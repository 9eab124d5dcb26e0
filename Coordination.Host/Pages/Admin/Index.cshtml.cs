using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Admin;

/// <summary>Administration: users, memberships, routing rules and deadlines (built on this skeleton).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
