using Coordination.Browser.Tests.Infrastructure;
using Coordination.Browser.Tests.Inspections;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Dashboard;

public sealed class InspectionOverdueTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_licensing_manager_finds_a_round_not_replanned_by_its_evening_on_the_dashboard()
    {
        await using var host = await BrowserHost.StartAsync("browser-inspection-overdue");
        await using var officer = await BrowserUser.OpenAsync(browser.Browser, host);
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host);
        await officer.SignInAsync("licensing.staff@alvby.demo");
        await police.SignInAsync("police.staff@alvby.demo");
        var roundUrl = await RoundSteps.PlanRoundAsync(officer, "Puben Hamnen", "556123-4567");
        await police.Page.GotoAsync(roundUrl);
        await police.Page.GetByLabel("Skäl att avböja").FillAsync("Hela patrullen är på en insats den kvällen.");
        await police.Page.GetByRole(AriaRole.Button, new() { Name = "Avböj" }).ClickAsync();
        await police.Page.GetByText("Du har avböjt.").WaitForAsync();

        // The round's evening (27 November) passes without a new plan.
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

        await using var manager = await BrowserUser.OpenAsync(browser.Browser, host);
        await manager.SignInAsync("licensing.manager@alvby.demo");
        await manager.Page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Översikt för chefer" }).ClickAsync();
        var overdue = manager.Page.GetByRole(AriaRole.Heading, new() { Name = "Försenade tillsynsuppgifter" });
        await overdue.WaitForAsync();
        var row = manager.Page.Locator("table[id^='overdue-inspection-tasks-'] tbody tr", new() { HasText = "Planera om rundan" });
        await manager.ReloadUntilShownAsync(row, "The round to plan again among the overdue inspection tasks");
        await manager.CheckInBothLanguagesAsync("licensing manager dashboard with an overdue inspection task");
        await manager.ScreenshotAsync("dashboard-overdue-inspection-task");
    }
}
