using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Dashboard;

/// <summary>
/// A police officer leaves with a task in hand: the police manager sees it as theirs on the Tasks
/// page, marked, narrows the inbox to their work, and hands all of it to a colleague from the dashboard.
/// </summary>
public sealed class WorkHandoverTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string PoliceManager = "police.manager@alvby.demo";

    [Fact]
    public async Task Police_manager_finds_a_disabled_colleagues_work_by_owner_and_hands_it_all_over_from_the_dashboard()
    {
        await using var host = await BrowserHost.StartAsync("browser-work-handover");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, concernId, "2026-11-20");
        var offered = await api.WaitForAsync(Scenario.Police, "/api/tasks/queue?kind=JointWork", q => q.GetArrayLength() > 0, "the police's joint-work task");
        var task = offered[0];
        var officer = await api.GetAsync(Scenario.Police, "/api/me");
        var officerId = officer.GetProperty("id").GetGuid();
        var name = officer.GetProperty("displayName").GetString()!;
        await api.PostAsync(Scenario.Police, $"/api/tasks/{task.GetProperty("id").GetGuid()}/claim", new { });
        await api.WaitForAsync(PoliceManager, $"/api/tasks/queue?owner={officerId}", q => q.GetArrayLength() == 1, "the task the officer's");
        await api.PostAsync("police.administrator@alvby.demo", $"/api/municipalities/{task.GetProperty("municipalityId").GetGuid()}/users/{officerId}/disable", new { reason = "Flyttat till ett annat polisområde" });

        // Past its deadline, so that it is also on the dashboard.
        host.Clock.AdvanceTo(task.GetProperty("dueAt").GetDateTimeOffset() + TimeSpan.FromHours(1));
        await using var manager = await BrowserUser.OpenAsync(browser.Browser, host);
        await manager.SignInAsync(PoliceManager);
        await manager.VisitAsync("/Tasks", "task inbox with a disabled colleague's task");
        var page = manager.Page;
        Assert.StartsWith($"{name} (kan inte längre tilldelas", await page.Locator("#queue-table td.task-owner").First.InnerTextAsync(), StringComparison.Ordinal);

        var filters = page.GetByRole(AriaRole.Search, new() { Name = "Filtrera uppgifterna" });
        await filters.GetByLabel("Ansvarig").SelectOptionAsync(officerId.ToString());
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filtrera", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("owner=", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("#queue-table tbody tr").CountAsync());
        await manager.CheckInBothLanguagesAsync("task inbox narrowed to a disabled colleague's work");

        // On the dashboard, next to the work, all of it goes to the coordinator at once.
        await manager.VisitAsync("/Dashboard", "dashboard with a former owner's work");
        var handover = page.Locator("form.handover");
        var coordinator = (await api.GetAsync("police.coordinator@alvby.demo", "/api/me")).GetProperty("id").GetGuid();
        await handover.GetByLabel("Lämna över till").SelectOptionAsync(coordinator.ToString());
        await handover.GetByRole(AriaRole.Button, new() { Name = "Lämna över allt" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "1 uppgifter och 0 uppföljningar är överlämnade." }).WaitForAsync();
        await manager.CheckAsync("dashboard after handing over a colleague's work");
        await api.WaitForAsync(PoliceManager, $"/api/tasks/queue?owner={officerId}", q => q.GetArrayLength() == 0, "the officer's work handed over");
    }
}
