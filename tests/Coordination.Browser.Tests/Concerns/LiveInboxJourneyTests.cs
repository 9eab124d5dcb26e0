using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

public sealed class LiveInboxJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Police_officer_accepts_a_task_that_appeared_in_the_open_inbox_without_reload()
    {
        await using var host = await BrowserHost.StartAsync("browser-live-inbox");
        using var api = new ApiClient(host);
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host, width: 412, height: 915);
        await police.SignInAsync(Scenario.Police);
        await police.VisitAsync("/Tasks", "task inbox (empty)");
        var page = police.Page;
        await page.Locator("#live-status[data-state='live']").WaitForAsync();

        // Marks this document: a reload or navigation would lose the mark.
        await page.EvaluateAsync("() => { window.inboxNeverReloaded = true; }");

        // Leisure is not a party to the concern: its open inbox must hear nothing of the police's task.
        await using var leisure = await BrowserUser.OpenAsync(browser.Browser, host);
        await leisure.SignInAsync("leisure.staff@alvby.demo");
        await leisure.Page.GotoAsync("/Tasks");
        await leisure.Page.Locator("#live-status[data-state='live']").WaitForAsync();

        var concernId = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, concernId, "2026-11-20");

        var row = page.Locator("#queue-table tbody tr", new() { HasText = "Samverkan (SSPF)" });
        await row.WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.inboxNeverReloaded === true"), "The inbox was reloaded: the task did not arrive live.");
        Assert.Equal("En ny uppgift har kommit.", await page.Locator("#live-status").InnerTextAsync());
        await police.CheckAsync("task inbox with a task that arrived live");
        Assert.Equal("Nya uppgifter visas direkt.", await leisure.Page.Locator("#live-status").InnerTextAsync());
        Assert.Equal(0, await leisure.Page.Locator("#queue-table tbody tr").CountAsync());

        await row.GetByRole(AriaRole.Button, new() { Name = "Acceptera" }).ClickAsync();
        await page.GetByText("Uppgiften är accepterad.").WaitForAsync();

        // The task's state machine records the answer asynchronously: the officer's own list shows it once done.
        var accepted = page.Locator("#mine-table tbody tr", new() { HasText = "Accepterad" });
        await police.ReloadUntilShownAsync(accepted, "The accepted task among the officer's own tasks");

        await police.CheckInBothLanguagesAsync("task inbox after accepting");
        await police.ScreenshotAsync("journey-2-police-accepted-live-task");
    }
}
