using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Concerns;

/// <summary>Raising a concern.</summary>
public sealed class RaiseModel : PageModel
{
    public void OnGet()
    {
    }
}
