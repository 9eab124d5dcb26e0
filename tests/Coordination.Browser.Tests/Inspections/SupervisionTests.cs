using Coordination.Browser.Tests.Infrastructure;
using Coordination.Testing;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Inspections;

public sealed class SupervisionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Serious_remarks_open_a_case_the_ladder_refuses_aterkallelse_without_justification_and_a_varning_is_decided()
    {
        await using var host = await BrowserHost.StartAsync("browser-supervision");
        await using var officer = await BrowserUser.OpenAsync(browser.Browser, host);
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host);
        await officer.SignInAsync("licensing.staff@alvby.demo");
        await police.SignInAsync("police.staff@alvby.demo");
        var roundUrl = await RoundSteps.PlanRoundAsync(officer, "Nattklubben Nova", "556677-8899");
        await RoundSteps.AcceptAsync(police, roundUrl);

        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        await officer.SignInAsync("licensing.staff@alvby.demo");
        await RoundSteps.RecordVisitWithRemarkAsync(officer, roundUrl, "Nattklubben Nova", "Servering till märkbart berusade gäster.");

        await officer.Page.GetByLabel("Allvarliga anmärkningar – öppna tillsynsärende").CheckAsync();
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara utfallet" }).ClickAsync();
        await officer.Page.GetByRole(AriaRole.Heading, new() { Name = "Tillsynsärende: Nattklubben Nova" }).WaitForAsync();
        var caseUrl = new Uri(officer.Page.Url).PathAndQuery.Replace("&opened=True", "", StringComparison.OrdinalIgnoreCase);
        await officer.CheckInBothLanguagesAsync("supervision case opened");

        // The police see the round, never the municipality's deliberations.
        await police.SignInAsync("police.staff@alvby.demo");
        var refused = await police.Page.GotoAsync(caseUrl);
        Assert.Equal(404, refused!.Status);
        Assert.Equal(404, (await police.Page.GotoAsync("/Inspections/Cases"))!.Status);

        await officer.Page.GetByLabel("Föreslagen åtgärd").SelectOptionAsync("Aterkallelse");
        await officer.Page.GetByLabel("Text till tillståndshavaren").FillAsync("Nämnden överväger att återkalla tillståndet efter besöket den 27 november.");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Skicka kommunicering" }).ClickAsync();
        await officer.Page.GetByRole(AriaRole.Heading, new() { Name = "Yttrande" }).WaitForAsync();
        await officer.Page.GetByLabel("Tillståndshavarens yttrande").FillAsync("Vi har utbildat personalen.");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Registrera yttrandet" }).ClickAsync();

        // The reply reaches the case's workflow through the broker; then the board may decide.
        await Poll.UntilAsync(
            async () =>
            {
                await officer.Page.GotoAsync(caseUrl);
                return await officer.Page.GetByRole(AriaRole.Heading, new() { Name = "Nämndens beslut" }).CountAsync() == 1;
            },
            TimeSpan.FromSeconds(60),
            "the supervision case to await the board's decision after the reply");
        await officer.CheckInBothLanguagesAsync("supervision case awaiting decision");

        await officer.Page.GetByLabel("Återkallelse").CheckAsync();
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara beslutet" }).ClickAsync();
        var sanctionError = officer.Page.Locator("#Input_Sanction-error");
        await sanctionError.WaitForAsync();
        Assert.Contains("mest allvarligt", await sanctionError.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await officer.Page.GetByLabel("Återkallelse").IsCheckedAsync());
        await officer.CheckAsync("decision refused by the sanction ladder");

        await officer.Page.GetByLabel("Mest allvarliga fall").CheckAsync();
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara beslutet" }).ClickAsync();
        await officer.Page.Locator("#Input_Justification-error").WaitForAsync();
        Assert.True(await officer.Page.GetByLabel("Mest allvarliga fall").IsCheckedAsync());
        await officer.ScreenshotAsync("inspections-supervision-ladder-refusal");

        await officer.Page.GetByLabel("Varning", new() { Exact = true }).CheckAsync();
        await officer.Page.GetByLabel("Mest allvarliga fall").UncheckAsync();
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara beslutet" }).ClickAsync();
        await officer.Page.GetByText("Överklagandetid löper").WaitForAsync();
        await officer.CheckInBothLanguagesAsync("varning decided");
        await officer.ScreenshotAsync("inspections-supervision-varning-decided");

        // The appeal is recorded with the date it arrived, which cannot be before the decision.
        var received = officer.Page.GetByLabel("Överklagandet kom in");
        Assert.Equal("2026-11-28", await received.InputValueAsync());
        await received.FillAsync("2026-11-27");
        await officer.Page.GetByLabel("Överklagandet", new() { Exact = true }).FillAsync("Tillståndshavaren överklagar varningen.");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Registrera överklagandet" }).ClickAsync();
        await officer.Page.Locator("#Input_AppealReceivedOn-error").WaitForAsync();
        Assert.Equal("Tillståndshavaren överklagar varningen.", await officer.Page.GetByLabel("Överklagandet", new() { Exact = true }).InputValueAsync());
        await officer.CheckAsync("appeal dated before the decision refused");

        await received.FillAsync("2026-11-28");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Registrera överklagandet" }).ClickAsync();
        await officer.Page.GetByText("Överklagat").First.WaitForAsync();
        await officer.CheckInBothLanguagesAsync("appeal recorded");
    }
}
