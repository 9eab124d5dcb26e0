using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

public sealed class CaseListTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_coordinator_finds_a_child_by_personal_identity_number_and_the_police_and_the_reporting_teacher_each_see_their_own_row()
    {
        await using var host = await BrowserHost.StartAsync("browser-case-list");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, concernId, "2026-11-20");

        await using var coordinator = await BrowserUser.OpenAsync(browser.Browser, host);
        await coordinator.SignInAsync(Scenario.Coordinator);
        var page = coordinator.Page;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Ärenden" }).ClickAsync();
        await coordinator.CheckInBothLanguagesAsync("list of cases (social services)");
        var row = page.Locator("tbody tr", new() { HasText = "Alva Exempel" });
        Assert.Contains("Skyddsbedömning", await row.InnerTextAsync(), StringComparison.Ordinal);

        // A search that finds nobody says so; the personal identity number without its hyphen finds Alva.
        await page.GetByLabel("Sök namn eller personnummer").FillAsync("Bertil");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrera" }).ClickAsync();
        await page.GetByText("Inga ärenden att visa med de här valen.").WaitForAsync();
        await page.GetByLabel("Sök namn eller personnummer").FillAsync("201203151236");
        await page.GetByLabel("Oron gäller").SelectOptionAsync("Truancy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrera" }).ClickAsync();
        await page.GetByText("Visar 1–1 av 1 ärenden.").WaitForAsync();
        await coordinator.CheckAsync("list of cases filtered");
        await coordinator.ScreenshotAsync("case-list-coordinator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Alva Exempel" }).ClickAsync();
        await page.GetByText("20120315-1236").WaitForAsync();

        // The police see the case shared with them, at the shared minimum.
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host);
        await police.SignInAsync(Scenario.Police);
        await police.VisitAsync("/Concerns", "list of cases (police)");
        Assert.True(await police.Page.GetByRole(AriaRole.Cell, new() { Name = "Alva Exempel", Exact = true }).IsVisibleAsync());
        Assert.Equal(0, await police.Page.GetByText("20120315-1236").CountAsync());
        Assert.Equal(0, await police.Page.GetByText("Skyddsbedömning").CountAsync());

        // The teacher who raised it finds it again, with the feedback not yet given.
        await using var teacher = await BrowserUser.OpenAsync(browser.Browser, host);
        await teacher.SignInAsync(Scenario.Teacher);
        await teacher.VisitAsync("/Concerns", "list of cases (reporter)");
        Assert.Contains("Återkoppling: Ingen återkoppling ännu.", await teacher.Page.Locator("tbody tr").InnerTextAsync(), StringComparison.Ordinal);
        await teacher.ScreenshotAsync("case-list-reporter");
    }
}
