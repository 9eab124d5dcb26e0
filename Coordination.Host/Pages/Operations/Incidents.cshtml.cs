using System.Text.Json;
using Coordination.Host.Operations;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Operations;

/// <summary>Messages that failed every retry, by status, and sending one again once its cause is fixed (the API's handlers).</summary>
public sealed class IncidentsModel(IncidentQueries queries, IncidentRetry retry, CoordinationDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; } = nameof(IncidentStatus.Open);

    public IReadOnlyList<JsonElement> Incidents { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync()
    {
        Notice = Request.Query["retried"].Count > 0 ? "Incidents.Retried" : null;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        var outcome = ApiOutcome.From(await IncidentEndpoints.RetryAsync(id, retry, User, db, HttpContext.RequestAborted), HttpContext);
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { status = Status, retried = true });
        }

        Notice = outcome.NotFound ? "Incidents.NotFound" : "Incidents.AlreadyRetried";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var status = string.IsNullOrEmpty(Status) ? null : Status;
        var outcome = ApiOutcome.From(await IncidentEndpoints.ListAsync(status, queries, User, db, HttpContext.RequestAborted), HttpContext);
        Incidents = outcome.Body.Items();
    }
}
