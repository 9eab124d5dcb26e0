using System.Text.Json;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Coordination.Host.Pages.Inspections;

/// <summary>The venue register of the municipality's licensing unit, filtered by name, address or licensee and by licence kind.</summary>
public sealed class VenuesModel(CoordinationDbContext db) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public IReadOnlyList<JsonElement> Venues { get; private set; } = [];

    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        if (!IsLicensing)
        {
            return NotFound();
        }

        var all = Read(await VenueEndpoints.ListAsync(Choice.Selected, User, db, ReadAudit)).Body.Items();
        Total = all.Count;
        var search = Search?.Trim() ?? "";
        Venues = all
            .Where(v => search.Length == 0
                || new[] { v.Text("name"), v.Text("licenseeName"), v.Text("address"), v.Text("postalTown"), v.Text("organisationNumber") }
                    .Any(t => t.Contains(search, StringComparison.CurrentCultureIgnoreCase)))
            .Where(v => string.IsNullOrEmpty(Kind) || v.Texts("licenceKinds").Contains(Kind))
            .ToList();
        ReadAudit.Showing(Venues.Select(v => v.Id()));
        return Page();
    }
}
