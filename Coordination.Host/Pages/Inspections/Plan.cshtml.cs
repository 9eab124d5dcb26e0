using System.Text.Json;
using Coordination.Host.Inspections.Rounds;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>Plans an evening round: date and window, venues picked from the risk ranking, optional rescue service and tax agency.</summary>
public sealed class PlanModel(
    CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock, IStringLocalizer<InspectionsResource> text) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    [BindProperty]
    public PlanInput Input { get; set; } = new();

    public IReadOnlyList<JsonElement> Ranking { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return IsLicensing ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!IsLicensing)
        {
            return NotFound();
        }

        // A value the form could not take (a venue that is no id, a participant with a control
        // character) is not bound: the round is not planned without it.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var request = new PlanRoundRequest(Choice.Selected, Input.Date, Input.EveningStart, Input.EveningEnd, Input.VenueIds, Input.OptionalParticipants, Input.WithPolice);
        var outcome = Read(await RoundEndpoints.PlanAsync(request, User, db, publish, clock));
        if (outcome.Succeeded)
        {
            return RedirectToPage("/Inspections/Round", new { id = outcome.Body.Id(), planned = true });
        }

        ApiErrors.AddTo(ModelState, outcome, text, keyFor: FieldFor);
        return Page();
    }

    /// <summary>
    /// The API's field on this form. A joint round in a municipality without the police in the
    /// service is refused at the municipality, which the form does not ask: it is a matter of who
    /// takes part, so it is shown at the participants.
    /// </summary>
    private static string FieldFor(string field) => field == "municipalityId" ? "Input.OptionalParticipants" : ApiErrors.Grouped()(field);

    private async Task LoadAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        if (IsLicensing)
        {
            Ranking = Read(await VenueEndpoints.RankingAsync(Choice.Selected, User, db, clock, ReadAudit)).Body.Items();
        }
    }

    /// <summary>The planning form; date and times as the browser's date and time fields send them.</summary>
    public sealed class PlanInput
    {
        public string? Date { get; set; }

        public string? EveningStart { get; set; } = "20:00";

        public string? EveningEnd { get; set; } = "02:00";

        public List<Guid> VenueIds { get; set; } = [];

        public List<string> OptionalParticipants { get; set; } = [];

        /// <summary>A joint round (the default), or the licensing unit's own, without the police.</summary>
        public bool WithPolice { get; set; } = true;
    }
}
