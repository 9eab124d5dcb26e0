using Coordination.Host.Operations;
using Coordination.Host.WebUi;
using Coordination.Workflows.Runtime.Diagrams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Operations;

/// <summary>The workflows' state machines and, for the one chosen, its diagram as Mermaid text (the API's own), shown as preformatted text.</summary>
public sealed class WorkflowsModel(WorkflowCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    public IReadOnlyList<string> Names => catalog.Names;

    public string? Diagram { get; private set; }

    public IActionResult OnGet()
    {
        if (string.IsNullOrEmpty(Name))
        {
            return Page();
        }

        var outcome = ApiOutcome.From(OperationsEndpoints.Diagram(Name, catalog), HttpContext);
        if (!outcome.Succeeded)
        {
            return NotFound();
        }

        Diagram = outcome.Content;
        return Page();
    }
}
