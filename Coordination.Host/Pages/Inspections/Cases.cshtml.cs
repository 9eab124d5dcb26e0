using System.Text.Json;
using Coordination.Host.Inspections.Supervision;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Coordination.Host.Pages.Inspections;

/// <summary>The municipality's supervision cases, for its licensing unit only.</summary>
public sealed class CasesModel(CoordinationDbContext db) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    public IReadOnlyList<JsonElement> Cases { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> VenueNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        if (!IsLicensing)
        {
            return NotFound();
        }

        Cases = Read(await SupervisionEndpoints.ListAsync(Choice.Selected, User, db)).Body.Items().Reverse().ToList();
        VenueNames = Read(await VenueEndpoints.ListAsync(Choice.Selected, User, db)).Body.Items().ToDictionary(v => v.Id(), v => v.Text("name"));
        return Page();
    }
}
