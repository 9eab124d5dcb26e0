using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

public sealed class TaskInboxFilterTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Police_officer_filters_the_live_inbox_to_one_municipality_and_a_task_of_the_other_does_not_appear_while_it_does_under_a_matching_filter()
    {
        await using var host = await BrowserHost.StartAsync("browser-inbox-filter");
        using var api = new ApiClient(host);

        // The local area's police work in both municipalities: the officer narrows the inbox to Sjöstad.
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host);
        await police.SignInAsync(Scenario.Police);
        await police.VisitAsync("/Tasks", "task inbox before filtering");
        var page = police.Page;
        var filters = page.GetByRole(AriaRole.Search, new() { Name = "Filtrera uppgifterna" });
        await filters.GetByLabel("Verksamhet").SelectOptionAsync(new SelectOptionValue { Label = "Polisen, Sjöstad kommun (demo)" });
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filtrera", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("agencyId=", StringComparison.Ordinal));
        await police.CheckInBothLanguagesAsync("task inbox filtered to one agency");
        Assert.Equal(2, await page.GetByText("Inga uppgifter stämmer med filtret.").CountAsync());
        await page.Locator("#live-status[data-state='live']").WaitForAsync();
        await page.EvaluateAsync("() => { window.inboxNeverReloaded = true; }");

        // The same officer in another window, filtered to joint work: the new task matches there.
        await using var jointWork = await BrowserUser.OpenAsync(browser.Browser, host);
        await jointWork.SignInAsync(Scenario.Police);
        await jointWork.Page.GotoAsync("/Tasks?kind=JointWork");
        await jointWork.Page.Locator("#live-status[data-state='live']").WaitForAsync();

        // An Älvby concern is shared with the police: its task is offered to Älvby's police.
        var concernId = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, concernId, "2026-11-20");

        await jointWork.Page.Locator("#queue-table tbody tr", new() { HasText = "Samverkan (SSPF)" }).WaitForAsync();
        Assert.Equal("En ny uppgift har kommit.", await jointWork.Page.Locator("#live-status").InnerTextAsync());

        await page.GetByText("En ny uppgift har kommit, men filtret döljer den.").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.inboxNeverReloaded === true"), "The inbox was reloaded: the lists were not refreshed live.");
        Assert.Equal(0, await page.Locator("#queue-table tbody tr").CountAsync());
        Assert.True(await page.Locator("#queue-empty").IsVisibleAsync());
        await police.CheckAsync("task inbox after a task its filter hides arrived live");

        // An address the form cannot have sent is named at its field.
        await police.VisitAsync("/Tasks?kind=Gambling", "task inbox with an unknown kind in the address");
        var named = page.Locator("#error-summary").GetByRole(AriaRole.Link, new() { Name = "Den typen av uppgift finns inte. Välj en typ i listan." });
        Assert.Equal("#kind", await named.GetAttributeAsync("href"));
        Assert.Equal("Den typen av uppgift finns inte. Välj en typ i listan.", await page.GetByLabel("Typ av uppgift").GetAttributeAsync("aria-describedby") is { } described
            ? (await page.Locator("#" + described).InnerTextAsync()).Replace("Fel:", "", StringComparison.Ordinal).Trim()
            : null);
        Assert.Equal(0, await page.Locator("#task-lists").CountAsync());
        await police.ScreenshotAsync("task-inbox-unknown-kind");
    }
}
