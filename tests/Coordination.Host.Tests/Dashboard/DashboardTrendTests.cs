using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Dashboard;

/// <summary>The dashboard's weekly figures (the chart and its table) against what it lists as overdue now.</summary>
public sealed class DashboardTrendTests
{
    /// <summary>
    /// The weekly series counted concerns with an assessment past its limit, while the table of
    /// overdue work beside it counts the assessments: a concern whose protective and preliminary
    /// assessments were both late was 1 in the chart and 2 in the table.
    /// </summary>
    [Fact]
    public async Task This_weeks_figures_count_each_late_assessment_as_the_table_of_overdue_work_does()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        var concern = await users.ConcernAsync(id);
        host.Clock.AdvanceTo(concern.GetProperty("preliminaryAssessmentDue").GetDateTimeOffset() + TimeSpan.FromHours(2));
        using var manager = await InspectionsClient.BrowserAsync(host, SocialManager);

        var page = await DashboardPage.ReadAsync(manager, "/Dashboard");

        var now = DashboardPage.Counts(page).Values.Aggregate((a, b) => [.. a.Zip(b, (x, y) => x + y)]);
        Assert.Equal(2, now[1]);
        Assert.Equal(now, DashboardPage.Trend(page)[^1].Cells);
    }
}
