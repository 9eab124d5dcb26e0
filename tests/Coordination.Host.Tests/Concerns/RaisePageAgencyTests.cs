using Coordination.Host.Tests.Security;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Concerns.TaskInboxPage;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// "I report from" on the raise page offers the agencies the raise command takes a concern from
/// (<c>ConcernAgencies.Reporting</c>): those of Workflow A. A licensing unit membership was offered
/// too, a choice the command refused or ignored.
/// </summary>
public sealed class RaisePageAgencyTests
{
    private const string Reception = "social.staff@alvby.demo";

    [Fact]
    public async Task A_user_of_social_services_and_the_licensing_unit_reports_from_social_services_only()
    {
        await using var host = SecurityHost.OnSqlite();
        await host.WithDatabaseAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == Reception).Select(u => u.Id).SingleAsync();
            var licensing = await db.Agencies.Where(a => a.Municipality!.Code == "9901" && a.Kind == AgencyKind.LicensingUnit).Select(a => a.Id).SingleAsync();
            db.Add(new Membership { Id = Guid.NewGuid(), UserId = userId, AgencyId = licensing, Role = MembershipRole.Staff });
            return await db.SaveChangesAsync();
        });
        using var reception = await SignedInAsync(host, Reception);

        var page = await PageAsync(reception, "/Concerns/Raise");

        Assert.DoesNotContain("Tillståndsenheten", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Jag anmäler från", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"Input_AgencyId\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"Input_School\"", page, StringComparison.Ordinal);
    }
}
