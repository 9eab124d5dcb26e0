using System.Security.Claims;

namespace Coordination.Host.WebUi;

/// <summary>The links of the main navigation a signed-in user may follow, in order.</summary>
internal static class Navigation
{
    public static IReadOnlyList<NavigationLink> For(ClaimsPrincipal user)
    {
        var memberships = user.Memberships();
        var links = new List<NavigationLink>();
        if (UiAccess.CanWorkOnTasks(memberships))
        {
            links.Add(new NavigationLink("/Tasks/Index", "Nav.Tasks"));
            links.Add(new NavigationLink("/Concerns/Index", "Nav.Concerns"));
        }

        if (UiAccess.CanRaiseConcerns(memberships))
        {
            links.Add(new NavigationLink("/Concerns/Raise", "Nav.RaiseConcern"));
        }

        if (UiAccess.CanManage(memberships))
        {
            links.Add(new NavigationLink("/Dashboard/Index", "Nav.Dashboard"));
            links.Add(new NavigationLink("/Dashboard/FollowUp", "Nav.FollowUp"));
        }

        if (UiAccess.CanInspect(memberships))
        {
            links.Add(new NavigationLink("/Inspections/Index", "Nav.Inspections"));
        }

        if (UiAccess.CanAdminister(memberships))
        {
            links.Add(new NavigationLink("/Admin/Index", "Nav.Admin"));
            links.Add(new NavigationLink("/Operations/Index", "Nav.Operations"));
        }

        if (UiAccess.CanAudit(memberships))
        {
            links.Add(new NavigationLink("/Audit/Index", "Nav.Audit"));
        }

        // Not /Account/SetPassword: its link may be for another account than the one signed in.
        links.Add(new NavigationLink("/Account/Security", "Nav.Account", ["/Account/Password"]));
        return links;
    }
}
