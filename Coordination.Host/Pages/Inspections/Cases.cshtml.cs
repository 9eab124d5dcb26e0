using System.Text.Json;
using Coordination.Host.Inspections.Supervision;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// The municipality's supervision cases, for its licensing unit only: the open ones by default,
/// filtered by venue and by status (or all, or the closed ones).
/// </summary>
public sealed class CasesModel(CoordinationDbContext db, IStringLocalizer<InspectionsResource> text) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>A status, "open" (every status but Closed; the default) or "all".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<JsonElement> Cases { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>The statuses a case can have, for the filter.</summary>
    public static IReadOnlyList<string> Statuses { get; } = Enum.GetNames<SupervisionStatus>();

    public IReadOnlyDictionary<Guid, string> VenueNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        if (!IsLicensing)
        {
            return NotFound();
        }

        var all = Read(await SupervisionEndpoints.ListAsync(Choice.Selected, User, db, ReadAudit)).Body.Items();
        VenueNames = Read(await VenueEndpoints.ListAsync(Choice.Selected, User, db, ReadAudit)).Body.Items().ToDictionary(v => v.Id(), v => v.Text("name"));
        Total = all.Count;
        Status = string.IsNullOrEmpty(Status) ? "open" : Status;
        if (Status is not ("open" or "all") && !Statuses.Contains(Status))
        {
            // An address typed or kept from an older page: say so at the filter and show the ongoing cases.
            ModelState.AddModelError("status", text["Cases.UnknownStatus"]);
            Status = "open";
        }

        var search = Search?.Trim() ?? "";
        Cases = all
            .Where(c => Status switch
            {
                "all" => true,
                "open" => c.Text("status") != nameof(SupervisionStatus.Closed),
                _ => c.Text("status") == Status,
            })
            .Where(c => search.Length == 0 || VenueNames.GetValueOrDefault(c.Id("venueId"), "").Contains(search, StringComparison.CurrentCultureIgnoreCase))
            .Reverse()
            .ToList();

        // A row names its venue; the venues' register details are not shown, so only the cases are audited.
        ReadAudit.Showing(Cases.Select(c => c.Id()));
        return Page();
    }
}
