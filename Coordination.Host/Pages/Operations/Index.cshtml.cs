using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Operations;

/// <summary>Operations: incidents, reminders and workflow diagrams (built on this skeleton).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
