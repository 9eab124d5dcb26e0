using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Dashboard;

/// <summary>The managers' dashboard.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
