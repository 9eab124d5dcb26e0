using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Dashboard;

/// <summary>The half-year follow-up report.</summary>
public sealed class FollowUpModel : PageModel
{
    public void OnGet()
    {
    }
}
