using System.Globalization;
using System.Text.Json;
using Coordination.Host.Operations;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Operations;

/// <summary>
/// Messages that failed every retry, by status, and sending one again once its cause is fixed (the API's handlers).
/// A status the API refuses is shown at the filter, not as an empty list that would read as "no incidents".
/// </summary>
public sealed class IncidentsModel(IncidentQueries queries, IncidentRetry retry, CoordinationDbContext db, IStringLocalizer<OperationsResource> text) : PageModel
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
        if (outcome.Errors.ContainsKey("status"))
        {
            ModelState.AddModelError("status", string.Format(CultureInfo.CurrentCulture, text["Incidents.UnknownStatus"], Status));
            Incidents = [];
            return;
        }

        Incidents = outcome.Body.Items();
    }
}
