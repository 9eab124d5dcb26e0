using Coordination.Host.Inspections;
using Coordination.Host.Security.Audit;
using Coordination.Host.WebUi;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// The municipality an inspection page works in, among those where the user takes part in
/// inspections, and whether the user is of its licensing unit there (the API's own rule).
/// </summary>
/// <remarks>
/// What a page's handlers read is audited as one load of the page, once the page is shown
/// (<see cref="InspectionReadAudit"/>): not when it is refused, nor when a form redirects.
/// </remarks>
public abstract class InspectionPage : PageModel
{
    public MunicipalityChoice Choice { get; private set; } = new([], Guid.Empty);

    /// <summary>Of the municipality's licensing unit: plans rounds, keeps the register, runs supervision.</summary>
    public bool IsLicensing { get; private set; }

    /// <summary>The audit of this page load's reads, passed to the API handlers the page calls.</summary>
    protected InspectionReadAudit ReadAudit => HttpContext.RequestServices.GetRequiredService<InspectionReadAudit>();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        ReadAudit.OpenPage();
        var executed = await next();
        if (executed.Exception is null && executed.Result is null or PageResult)
        {
            await ReadAudit.SavePageAsync(PageContext.ActionDescriptor.ViewEnginePath);
        }
    }

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
