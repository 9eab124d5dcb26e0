using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Inspections;

/// <summary>Inspections: rounds, venues, checklists, protocols and supervision cases (built on this skeleton).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
