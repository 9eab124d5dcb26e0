using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Operations;

/// <summary>Operations: incidents with retry, reminders of the scheduler, workflow diagrams.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
