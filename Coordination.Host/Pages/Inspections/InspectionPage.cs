using Coordination.Host.Inspections;
using Coordination.Host.WebUi;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// The municipality an inspection page works in, among those where the user takes part in
/// inspections, and whether the user is of its licensing unit there (the API's own rule).
/// </summary>
public abstract class InspectionPage : PageModel
{
    public MunicipalityChoice Choice { get; private set; } = new([], Guid.Empty);

    /// <summary>Of the municipality's licensing unit: plans rounds, keeps the register, runs supervision.</summary>
    public bool IsLicensing { get; private set; }

    protected async Task ChooseAsync(Guid? wanted, CoordinationDbContext db)
    {
        Choice = await MunicipalityChoice.ForAsync(
            User.Memberships(),
            m => m.AgencyKind is AgencyKind.LicensingUnit or AgencyKind.Police or AgencyKind.RescueService or AgencyKind.TaxAgency
                && m.Role is MembershipRole.Staff or MembershipRole.Manager or MembershipRole.Coordinator,
            wanted,
            db);
        IsLicensing = Choice.Any && User.IsLicensing(Choice.Selected);
    }

    /// <summary>Reads what the API handler answered, as the API would have sent it.</summary>
    protected ApiOutcome Read(IResult result) => ApiOutcome.From(result, HttpContext);
}
