using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

public sealed class LegalBasisTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Coordinator_records_the_guardians_consent_in_the_case_view_after_the_age_rule_refuses_the_young_person_alone_and_withdraws_it()
    {
        await using var host = await BrowserHost.StartAsync("browser-legal-basis");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);

        await using var coordinator = await BrowserUser.OpenAsync(browser.Browser, host);
        await coordinator.SignInAsync(Scenario.Coordinator);
        await coordinator.VisitAsync($"/Concerns/Case/{concernId}", "case view before any legal basis");
        var page = coordinator.Page;
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Registrera och dela" });

        // The concern's workflow registers it asynchronously; its steps appear once it has.
        await coordinator.ReloadUntilShownAsync(submit, "The legal-basis form in the case view");

        // Nothing chosen: the kind and the parties are named at their groups.
        await submit.ClickAsync();
        await page.Locator("#Basis_Kind-error").WaitForAsync();
        Assert.Contains("minst en verksamhet", await page.Locator("#Basis_Parties-error").InnerTextAsync(), StringComparison.Ordinal);

        // Alva is fourteen: her consent alone is refused at the field, and what was typed stays.
        await page.GetByLabel("Samtycke", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Polis").CheckAsync();
        await page.GetByLabel("Samtycke från").SelectOptionAsync("YoungPerson");
        await page.GetByLabel("Samtycket gavs (ÅÅÅÅ-MM-DD)").FillAsync("2026-11-20");
        await page.GetByLabel("Samtyckeshandlingens referens").FillAsync("Samtycke 2026-118");
        await submit.ClickAsync();
        await page.Locator("#Basis_Scope-error").WaitForAsync();
        Assert.Contains("vad samtycket omfattar", await page.Locator("#Basis_Scope-error").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Samtyckets omfattning").FillAsync("Skolnärvaro och fritid");
        await submit.ClickAsync();
        await page.Locator("#Basis_GivenBy-error").WaitForAsync();
        Assert.Contains("under 15 år vårdnadshavarna", await page.Locator("#Basis_GivenBy-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Samtycke 2026-118", await page.GetByLabel("Samtyckeshandlingens referens").InputValueAsync());
        Assert.True(await page.GetByLabel("Polis").IsCheckedAsync());
        await coordinator.CheckAsync("legal basis refused by the age rule");

        // A consent valid only until a day already past is refused at its field.
        await page.GetByLabel("Samtycke från").SelectOptionAsync("Guardians");
        await page.GetByLabel("Gäller till och med (ÅÅÅÅ-MM-DD)").FillAsync("2026-11-21");
        await submit.ClickAsync();
        await page.Locator("#Basis_ValidUntil-error").WaitForAsync();
        Assert.Contains("i dag eller senare", await page.Locator("#Basis_ValidUntil-error").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Gäller till och med (ÅÅÅÅ-MM-DD)").FillAsync("2027-06-30");
        await submit.ClickAsync();
        await page.GetByText("Den rättsliga grunden är registrerad och ärendet delat.").WaitForAsync();
        Assert.True(await page.GetByText("Samtycke: Samtycke 2026-118").IsVisibleAsync());
        Assert.True(await page.GetByText("Samtyckets omfattning: Skolnärvaro och fritid").IsVisibleAsync());
        Assert.True(await page.GetByText("Gäller till och med 2027-06-30").IsVisibleAsync());
        await coordinator.CheckInBothLanguagesAsync("case view with a consent");
        await coordinator.ScreenshotAsync("case-view-consent-recorded");

        // The police see the concern now, and no longer once the consent is withdrawn.
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host);
        await police.SignInAsync(Scenario.Police);
        Assert.Equal(200, (await police.Page.GotoAsync($"/Concerns/Case/{concernId}"))!.Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "Återkalla samtycket" }).ClickAsync();
        await page.GetByText("Samtycket är återkallat").WaitForAsync();
        Assert.True(await page.GetByText("Återkallat").First.IsVisibleAsync());
        Assert.NotEqual(200, (await police.Page.GotoAsync($"/Concerns/Case/{concernId}"))!.Status);
    }

    [Fact]
    public async Task Coordinator_extends_the_investigation_with_its_reasons_and_then_finishes_it_in_the_case_view()
    {
        await using var host = await BrowserHost.StartAsync("browser-investigation");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);
        await api.WaitForAsync(Scenario.Coordinator, $"/api/concerns/{concernId}", c => c.GetProperty("protectiveAssessmentDue").ValueKind != System.Text.Json.JsonValueKind.Null, "the concern registered");
        var opened = await api.PostAsync(Scenario.Coordinator, $"/api/concerns/{concernId}/preliminary-assessment", new { decision = "Opened" });
        var due = opened.GetProperty("investigationDue").GetDateTimeOffset();

        await using var coordinator = await BrowserUser.OpenAsync(browser.Browser, host);
        await coordinator.SignInAsync(Scenario.Coordinator);
        await coordinator.VisitAsync($"/Concerns/Case/{concernId}", "case view with an open investigation");
        var page = coordinator.Page;
        var extend = page.GetByRole(AriaRole.Button, new() { Name = "Förläng utredningen" });
        await coordinator.ReloadUntilShownAsync(extend, "The investigation's forms in the case view");

        // An extension needs a later last day and its reasons; both are named at their fields.
        await page.GetByLabel("Ny sista dag (ÅÅÅÅ-MM-DD)").FillAsync(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await extend.ClickAsync();
        await page.Locator("#Extension_Reason-error").WaitForAsync();
        await page.GetByLabel("De särskilda skälen").FillAsync("Vårdnadshavarna har inte kunnat nås under utredningstiden.");
        await extend.ClickAsync();
        await page.Locator("#Extension_NewDueDate-error").WaitForAsync();
        Assert.Equal("Vårdnadshavarna har inte kunnat nås under utredningstiden.", await page.GetByLabel("De särskilda skälen").InputValueAsync());
        await coordinator.CheckAsync("investigation extension refused");

        var later = due.AddMonths(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Ny sista dag (ÅÅÅÅ-MM-DD)").FillAsync(later);
        await extend.ClickAsync();
        await page.GetByText("Utredningen är förlängd.").WaitForAsync();
        await api.WaitForAsync(Scenario.Coordinator, $"/api/concerns/{concernId}", c => c.GetProperty("investigationDue").GetDateTimeOffset() > due, "the new deadline in force");
        await page.ReloadAsync();
        Assert.Contains(later, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // Finishing needs a conclusion.
        var finish = page.GetByRole(AriaRole.Button, new() { Name = "Avsluta utredningen" });
        await finish.ClickAsync();
        await page.Locator("#conclusion-error").WaitForAsync();
        await page.GetByLabel("Ingen insats").CheckAsync();
        await finish.ClickAsync();
        await page.GetByText("Utredningen är avslutad.").WaitForAsync();
        await coordinator.CheckInBothLanguagesAsync("investigation finished");
        await api.WaitForAsync(Scenario.Coordinator, $"/api/concerns/{concernId}", c => c.GetProperty("investigationConclusion").GetString() == "NoMeasures", "the investigation finished");
    }
}
