using System.Text.Json;
using Coordination.Host.Inspections.Visits;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>A recorded visit: its checklist, the protocol (print, mark as sent) and the outcome.</summary>
public sealed class VisitModel(CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock, IStringLocalizer<InspectionsResource> text) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Recorded { get; set; }

    [BindProperty]
    public OutcomeInput Input { get; set; } = new();

    public JsonElement Visit { get; private set; }

    /// <summary>The licensing unit's view: protocol and outcome; a participant sees only its own items.</summary>
    public bool AsLicensing => Visit.ValueKind == JsonValueKind.Object && Visit.TryGetProperty("protocolDueAt", out _);

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Done = Request.Query["done"];
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSentAsync()
    {
        var outcome = Read(await ProtocolEndpoints.SentAsync(Id, User, db, publish, clock));
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { id = Id, done = "ProtocolSent" });
        }

        Problem = outcome.NotFound ? null : text["Visit.ProtocolAlreadySent"].Value;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostOutcomeAsync()
    {
        // An outcome the form could not take is shown at its field, and nothing is decided without it.
        if (!ModelState.IsValid)
        {
            return await LoadAsync() ? Page() : NotFound();
        }

        var outcome = Read(await OutcomeEndpoints.DecideAsync(Id, new OutcomeRequest(Input.Outcome), User, db, publish, clock));
        if (outcome.Succeeded)
        {
            var caseId = outcome.Body.Id("supervisionCaseId");
            return caseId != Guid.Empty ? RedirectToPage("/Inspections/Case", new { id = caseId, opened = true }) : RedirectToPage(new { id = Id, done = "Outcome" });
        }

        if (outcome.Errors.Count > 0)
        {
            ApiErrors.AddTo(ModelState, outcome, text);
        }
        else if (outcome.ProblemTitle == OutcomeEndpoints.SupervisionAlreadyDecided)
        {
            Problem = text["Visit.SupervisionAlreadyDecided"];
        }
        else if (!outcome.NotFound)
        {
            Problem = text["Visit.OutcomeConflict"] + " " + outcome.ProblemDetail;
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var outcome = Read(await VisitEndpoints.GetAsync(Id, User, db, ReadAudit));
        if (!outcome.Succeeded)
        {
            return false;
        }

        Visit = outcome.Body;
        await ChooseAsync(null, db);
        return true;
    }

    /// <summary>The outcome chosen: NoRemarks, MinorRemarks or SeriousRemarks.</summary>
    public sealed class OutcomeInput
    {
        public string? Outcome { get; set; }
    }
}
