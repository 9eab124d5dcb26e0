using Coordination.Host.Identity;
using Coordination.Host.WebUi;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Coordination.Host.Pages.Admin;

/// <summary>The municipality an administration page works in: one the user administers.</summary>
public abstract class AdministrationPage : PageModel
{
    public MunicipalityChoice Choice { get; private set; } = new([], Guid.Empty);

    protected async Task ChooseAsync(Guid? wanted, CoordinationDbContext db)
    {
        var administered = MembershipAdministration.Administered(User);
        Choice = await MunicipalityChoice.ForAsync(User.Memberships(), m => m.Role == MembershipRole.Administrator && administered.Contains(m.MunicipalityId), wanted, db);
    }

    protected ApiOutcome Read(IResult result) => ApiOutcome.From(result, HttpContext);
}
