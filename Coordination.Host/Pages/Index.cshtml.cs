using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages;

/// <summary>The start page: what the signed-in user can do here.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
