using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

public sealed class TaskReminderJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Police_officer_sees_an_unanswered_task_reminded_in_the_open_inbox_and_narrows_it_to_reminded_tasks()
    {
        await using var host = await BrowserHost.StartAsync("browser-inbox-reminders");
        using var api = new ApiClient(host);

        // The administrator has the agencies reminded every other hour.
        await using var admin = await BrowserUser.OpenAsync(browser.Browser, host);
        await admin.SignInAsync("social.administrator@alvby.demo");
        await admin.VisitAsync("/Admin/RoutingRules", "routing rules");
        Assert.Equal("7", await admin.Page.GetByLabel("Påminnelser börjar (dagar före tidsfristen)").InputValueAsync());
        await admin.Page.GetByLabel("Påminnelse var (timmar)").FillAsync("2");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Spara som ny version" }).ClickAsync();
        await admin.Page.GetByText("Reglerna är sparade som version 1.").WaitForAsync();

        await using var police = await BrowserUser.OpenAsync(browser.Browser, host);
        await police.SignInAsync(Scenario.Police);
        await police.VisitAsync("/Tasks", "task inbox (empty)");
        var page = police.Page;
        await page.Locator("#live-status[data-state='live']").WaitForAsync();
        await page.EvaluateAsync("() => { window.inboxNeverReloaded = true; }");

        var concernId = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, concernId, "2026-11-20");
        var row = page.Locator("#queue-table tbody tr", new() { HasText = "Samverkan (SSPF)" });
        await row.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await row.Locator(".reminded").CountAsync());

        // Two hours without an answer: the open inbox says the police were reminded, without a reload.
        host.Clock.Advance(TimeSpan.FromHours(2));
        await row.Locator(".reminded", new() { HasText = "Påmind en gång, senast 2026-11-23" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.inboxNeverReloaded === true"), "The inbox was reloaded: the reminder was not shown live.");
        await police.CheckAsync("task inbox with a task reminded live");

        var filters = page.GetByRole(AriaRole.Search, new() { Name = "Filtrera uppgifterna" });
        await filters.GetByLabel("Bara påminda eller eskalerade").CheckAsync();
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filtrera", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("reminded=true", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("#queue-table tbody tr").CountAsync());
        Assert.True(await filters.GetByLabel("Bara påminda eller eskalerade").IsCheckedAsync());
        await police.CheckInBothLanguagesAsync("task inbox narrowed to reminded tasks");
        await police.ScreenshotAsync("task-inbox-reminded");
    }
}
