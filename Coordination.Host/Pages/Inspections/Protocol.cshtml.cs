using System.Text.Json;
using Coordination.Host.Inspections.Rounds;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.Inspections.Visits;
using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>The inspection protocol (tillsynsprotokoll) of a visit, laid out for printing and sending to the licensee.</summary>
public sealed class ProtocolModel(CoordinationDbContext db, IStringLocalizer<InspectionsResource> text) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public JsonElement Visit { get; private set; }

    public JsonElement Venue { get; private set; }

    public JsonElement Round { get; private set; }

    /// <summary>The venue and licensee the protocol names: as sent once it is, else as the register reads now.</summary>
    public ProtocolRecipient Recipient { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        // The protocol handler decides who may read it (the licensing unit); the page draws it with its own print stylesheet.
        var protocol = Read(await ProtocolEndpoints.ViewAsync(Id, User, db, text, ReadAudit));
        if (!protocol.Succeeded)
        {
            return NotFound();
        }

        Visit = Read(await VisitEndpoints.GetAsync(Id, User, db, ReadAudit)).Body;
        Venue = Read(await VenueEndpoints.GetAsync(Visit.Id("venueId"), HttpContext, db, ReadAudit)).Body;
        Round = Read(await RoundEndpoints.GetAsync(Visit.Id("roundId"), User, db, ReadAudit)).Body;
        Recipient = Visit.TryGetProperty("protocolSentTo", out var sent) && sent.ValueKind == JsonValueKind.Object
            ? new(sent.Text("venueName"), sent.Text("address"), sent.Text("postalTown"), sent.Text("licenseeName"), sent.Text("organisationNumber"))
            : new(Venue.Text("name"), Venue.Text("address"), Venue.Text("postalTown"), Venue.Text("licenseeName"), Venue.Text("organisationNumber"));
        await ChooseAsync(Venue.Id("municipalityId"), db);
        return Page();
    }
}
