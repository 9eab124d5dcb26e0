using System.Text.Json;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Coordination.Host.Pages.Inspections;

/// <summary>A venue's register details, its risk score with the factors that made it, and its history.</summary>
public sealed class VenueHistoryModel(CoordinationDbContext db, TimeProvider clock) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public JsonElement Venue { get; private set; }

    public JsonElement Risk { get; private set; }

    public IReadOnlyList<JsonElement> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var venue = Read(await VenueEndpoints.GetAsync(Id, HttpContext, db, ReadAudit));
        if (!venue.Succeeded)
        {
            return NotFound();
        }

        Venue = venue.Body;
        Risk = Read(await VenueEndpoints.RiskAsync(Id, User, db, clock, ReadAudit)).Body;
        History = Read(await VenueEndpoints.HistoryAsync(Id, User, db, ReadAudit)).Body.Items().Reverse().ToList();
        await ChooseAsync(Venue.Id("municipalityId"), db);
        return Page();
    }
}
