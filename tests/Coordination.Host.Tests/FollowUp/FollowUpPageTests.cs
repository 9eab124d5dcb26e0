using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Dashboard;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.FollowUp;

/// <summary>The half-year follow-up page and its export, as a manager reads and downloads them.</summary>
public sealed class FollowUpPageTests
{
    /// <summary>
    /// The figures per month were drawn only in the chart: a screen-reader user could not read
    /// them, and the export, which the chart's description pointed to, did not hold them.
    /// </summary>
    [Fact]
    public async Task The_monthly_figures_of_the_chart_are_in_a_table_on_the_page_and_in_the_export()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        await users.WaitForTaskAsync(Police, id, "JointWork");
        using var manager = await InspectionsClient.BrowserAsync(host, SocialManager);

        var page = await DashboardPage.ReadAsync(manager, "/Dashboard/FollowUp");
        var months = DashboardPage.Rows(page, "follow-up-months");
        Assert.Equal(["juli 2026", "augusti 2026", "september 2026", "oktober 2026", "november 2026", "december 2026"], months.Select(m => m.Header));
        Assert.Equal([1, 1, 0], months.Single(m => m.Header == "november 2026").Cells);
        Assert.Equal([0, 0, 0], months.Single(m => m.Header == "december 2026").Cells);

        var csv = await DashboardPage.DownloadAsync(manager, "/Dashboard/FollowUp?handler=Csv");
        Assert.Contains("Älvby kommun (demo);2026-H2;Per månad;2026-11: Anmälda;1", csv, StringComparison.Ordinal);
        Assert.Contains("Älvby kommun (demo);2026-H2;Per månad;2026-11: Erbjudna uppgifter;1", csv, StringComparison.Ordinal);
        Assert.Contains("Älvby kommun (demo);2026-H2;Per månad;2026-11: Tillsynsbesök;0", csv, StringComparison.Ordinal);
    }
}
