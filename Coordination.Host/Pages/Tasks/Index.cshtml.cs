using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Tasks;

/// <summary>My tasks and my agencies' queues.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
