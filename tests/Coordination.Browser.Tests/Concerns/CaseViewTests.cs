using Coordination.Browser.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

public sealed class CaseViewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Coordinator_agrees_the_commitment_plan_in_the_case_view_and_the_police_see_only_their_share()
    {
        await using var host = await BrowserHost.StartAsync("browser-case-view");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, concernId, "2026-11-20");

        await using var coordinator = await BrowserUser.OpenAsync(browser.Browser, host);
        await coordinator.SignInAsync(Scenario.Coordinator);
        await coordinator.VisitAsync($"/Concerns/Case/{concernId}", "case view (social services)");
        var page = coordinator.Page;
        Assert.True(await page.GetByText("20120315-1236").IsVisibleAsync());

        await page.GetByLabel("Mål").FillAsync("Alva går i skolan varje dag");
        await page.Locator("#Plan_Actions_0__What").FillAsync("Ungdomspolisen träffar Alva och hennes mamma");
        await page.Locator("#Plan_Actions_0__Agency").SelectOptionAsync("Police");
        await page.Locator("#Plan_Actions_0__ByDate").FillAsync("2026-12-11");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara åtagandeplanen" }).ClickAsync();
        await page.GetByText("Åtagandeplanen är sparad.", new() { Exact = false }).WaitForAsync();

        // The first review is scheduled by its state machine, asynchronously.
        await coordinator.ReloadUntilShownAsync(page.GetByText("Uppföljning 1:"), "The first review in the case view");

        await coordinator.CheckInBothLanguagesAsync("case view with plan and review");
        await coordinator.ScreenshotAsync("case-view-plan-agreed");

        await using var police = await BrowserUser.OpenAsync(browser.Browser, host);
        await police.SignInAsync(Scenario.Police);
        await police.VisitAsync($"/Concerns/Case/{concernId}", "case view (police)");
        Assert.True(await police.Page.GetByText("Alva Exempel").IsVisibleAsync());
        Assert.Equal(0, await police.Page.GetByText("20120315-1236").CountAsync());
        Assert.Equal(0, await police.Page.GetByText("Mamman vet att skolan är orolig.").CountAsync());
        Assert.True(await police.Page.GetByText("Ungdomspolisen träffar Alva och hennes mamma").IsVisibleAsync());

        // Each plan action and task says whose it is and where it stands.
        var action = police.Page.Locator("li", new() { HasText = "Ungdomspolisen träffar Alva och hennes mamma" });
        Assert.Contains("– Polis –", await action.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("I kön", await action.InnerTextAsync(), StringComparison.Ordinal);
        await police.ScreenshotAsync("case-view-police-share");

        // The police loaded the page three times (once, then in English and in Swedish): three
        // reads, each one audit entry naming the consent, none for the chronology on its own.
        await using var scope = host.Services.CreateAsyncScope();
        var reads = await scope.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.PersonalDataRead && e.SubjectId == concernId.ToString() && e.Actor == Scenario.Police)
            .ToListAsync();
        Assert.Equal(3, reads.Count);
        Assert.All(reads, e => Assert.StartsWith("case page (case view and chronology)", e.Detail, StringComparison.Ordinal));
        Assert.All(reads, e => Assert.StartsWith("Consent", e.Basis, StringComparison.Ordinal));
    }
}
