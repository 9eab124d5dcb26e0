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

    [Fact]
    public async Task A_task_offered_while_the_officer_types_a_reason_or_reads_an_error_leaves_the_lists_and_says_so()
    {
        await using var host = await BrowserHost.StartAsync("browser-live-inbox-held");
        using var api = new ApiClient(host);
        var first = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, first, "2026-11-20");
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host);
        await police.SignInAsync(Scenario.Police);
        await police.VisitAsync("/Tasks", "task inbox");
        var page = police.Page;
        var queue = page.Locator("#queue-table tbody tr");
        await police.ReloadUntilShownAsync(queue, "The first task in the queue");
        await page.Locator("#live-status[data-state='live']").WaitForAsync();
        var firstTask = await queue.First.GetAttributeAsync("data-task-id");
        var reason = page.Locator($"#queue-table tr[data-task-id='{firstTask}']").GetByLabel("Skäl att avböja");
        var notice = page.Locator("#lists-notice[role='status']");
        var refresh = notice.GetByRole(AriaRole.Button, new() { Name = "Uppdatera listorna" });

        // Half-way through a reason, another concern offers the police a task.
        await reason.FillAsync("Ingen patrull ledig");
        await Scenario.ShareWithPoliceAndSchoolAsync(api, await Scenario.RaiseConcernAsync(api), "2026-11-20");

        // The task arrives: as a notice, or (as before) swapped into the lists.
        await page.Locator("#lists-notice button, #queue-table tbody tr:nth-child(2)").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("Ingen patrull ledig", await reason.InputValueAsync());
        Assert.Equal(1, await queue.CountAsync());
        Assert.Equal("Det har kommit nya uppgifter eller ändringar i listorna. Uppdatera listorna", (await notice.InnerTextAsync()).Trim());
        await police.CheckAsync("task inbox keeping a typed reason, with the notice of new tasks");
        await police.ScreenshotAsync("live-inbox-held-for-a-typed-reason");

        // Asked for, the new lists come and the notice goes.
        await refresh.ClickAsync();
        await page.Locator("#queue-table tbody tr:nth-child(2)").WaitForAsync();
        Assert.Equal(0, await refresh.CountAsync());

        // A decline without a reason is refused: the page shows the error, and a task offered now leaves it there.
        await page.Locator($"#queue-table tr[data-task-id='{firstTask}']").GetByRole(AriaRole.Button, new() { Name = "Avböj" }).ClickAsync();
        var error = page.Locator("#queue-table .error-message", new() { HasText = "Skriv varför ni avböjer" });
        await error.WaitForAsync();
        await page.Locator("#live-status[data-state='live']").WaitForAsync();
        await Scenario.ShareWithPoliceAndSchoolAsync(api, await Scenario.RaiseConcernAsync(api), "2026-11-20");

        await page.Locator("#lists-notice button, #queue-table tbody tr:nth-child(3)").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(1, await error.CountAsync());
        Assert.Equal(2, await queue.CountAsync());
        Assert.Equal(1, await refresh.CountAsync());
    }
}
