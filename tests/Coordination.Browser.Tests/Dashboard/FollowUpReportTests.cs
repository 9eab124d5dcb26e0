using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Dashboard;

public sealed class FollowUpReportTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Manager_reads_the_half_year_follow_up_of_the_municipality_and_exports_it()
    {
        await using var host = await BrowserHost.StartAsync("browser-follow-up");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, concernId, "2026-11-20");

        await using var manager = await BrowserUser.OpenAsync(browser.Browser, host);
        await manager.SignInAsync(Scenario.SocialManager);
        await manager.Page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Halvårsuppföljning" }).ClickAsync();
        await manager.CheckInBothLanguagesAsync("half-year follow-up report");

        var page = manager.Page;
        var raised = page.Locator("table[aria-labelledby='section-Concerns'] tbody tr", new() { HasText = "Anmälda" });
        Assert.Equal("1", (await raised.Locator("td").InnerTextAsync()).Trim());
        var bySchool = page.Locator("table[aria-labelledby='section-ConcernsByAgency'] tbody tr", new() { HasText = "Skola" });
        Assert.Equal("1", (await bySchool.Locator("td").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("svg#follow-up-chart").IsVisibleAsync());

        // The two joint-work tasks (police, school) are open but not yet due: none is overdue. The
        // protective assessment is counted under its own heading, not among the tasks.
        var overdue = page.Locator("table[aria-labelledby='section-Tasks'] tbody tr", new() { HasText = "Försenade" });
        Assert.Equal("0", (await overdue.Locator("td").InnerTextAsync()).Trim());

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ner CSV" }).ClickAsync());
        Assert.Equal("follow-up-Älvby-kommun-demo-2026-H2.csv", csv.SuggestedFilename);
        var lines = await File.ReadAllLinesAsync(await csv.PathAsync());
        Assert.Contains(lines, l => l.Contains("Älvby kommun (demo);2026-H2;Orosanmälningar;Anmälda;1", StringComparison.Ordinal));
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ner Excel" }).ClickAsync());
        Assert.Equal("follow-up-Älvby-kommun-demo-2026-H2.xlsx", xlsx.SuggestedFilename);
        Assert.True(new FileInfo(await xlsx.PathAsync()).Length > 0);
        await manager.ScreenshotAsync("follow-up-report-half-year");

        // A week later (signed in again: the session lasts a working day) neither has been answered: both are overdue.
        host.Clock.Advance(TimeSpan.FromDays(7));
        await manager.SignInAsync(Scenario.SocialManager);
        await page.GotoAsync("/Dashboard/FollowUp");
        Assert.Equal("2", (await overdue.Locator("td").InnerTextAsync()).Trim());
    }
}
