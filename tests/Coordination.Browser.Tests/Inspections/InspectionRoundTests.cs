using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Inspections;

public sealed class InspectionRoundTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Licensing_officer_plans_a_round_from_the_risk_ranking_police_accept_and_the_officer_fills_in_the_checklist()
    {
        await using var host = await BrowserHost.StartAsync("browser-inspection-round");
        await using var officer = await BrowserUser.OpenAsync(browser.Browser, host);
        await officer.SignInAsync("licensing.staff@alvby.demo");
        await officer.VisitAsync("/Inspections", "inspections calendar");

        await officer.VisitAsync("/Inspections/Venue", "venue registration form");
        await VenueForms.FillAsync(officer.Page, "Krogen Älven", "556677-8899");
        await officer.Page.GetByLabel("Dans förekommer").CheckAsync();
        await officer.Page.GetByLabel("Ung publik").CheckAsync();
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await officer.Page.GetByText("Uppgifterna är sparade.").WaitForAsync();
        await officer.CheckInBothLanguagesAsync("venue history with risk factors");
        Assert.True(await officer.Page.GetByRole(AriaRole.Cell, new() { Name = "Dans", Exact = true }).IsVisibleAsync(), "The venue's risk factors list dancing.");
        await officer.VisitAsync("/Inspections/Venues", "venue register");

        // A Friday evening later in the week, from 20:00 to 02:00.
        await officer.VisitAsync("/Inspections/Plan", "plan a round");
        Assert.True(await officer.Page.GetByText("Dans (1 × 10 = 10)").IsVisibleAsync(), "The ranking shows the factors behind the score.");
        await officer.Page.GetByLabel("Datum").FillAsync("2026-11-27");
        await officer.Page.GetByLabel("Krogen Älven").CheckAsync();
        await officer.Page.GetByLabel("Räddningstjänsten").CheckAsync();
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Planera rundan och fråga deltagarna" }).ClickAsync();
        await officer.Page.GetByText("Rundan är planerad.").WaitForAsync();
        var roundUrl = new Uri(officer.Page.Url).PathAndQuery.Replace("&planned=True", "", StringComparison.OrdinalIgnoreCase);
        await officer.CheckInBothLanguagesAsync("planned round");
        Assert.Equal(0, await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Fyll i checklistan Krogen Älven" }).CountAsync());

        await using (var police = await BrowserUser.OpenAsync(browser.Browser, host, 820, 1180))
        {
            await police.SignInAsync("police.staff@alvby.demo");
            await police.VisitAsync("/Inspections", "inspections calendar (police)");

            // The police local area serves both demo municipalities: the officer chooses Älvby.
            await police.Page.GetByLabel("Kommun").SelectOptionAsync(new SelectOptionValue { Label = "Älvby kommun (demo)" });
            await police.Page.GetByRole(AriaRole.Button, new() { Name = "Visa" }).ClickAsync();
            await police.Page.GetByRole(AriaRole.Link, new() { Name = "Öppna rundan" }).First.ClickAsync();
            await police.Page.GetByRole(AriaRole.Heading, new() { Name = "Förfrågningar till dig" }).WaitForAsync();
            await police.CheckInBothLanguagesAsync("round as the police see it");
            Assert.Equal(0, await police.Page.GetByText("Deltagande").CountAsync());
            await police.Page.GetByRole(AriaRole.Button, new() { Name = "Acceptera" }).ClickAsync();
            await police.Page.GetByText("Du har accepterat att delta.").WaitForAsync();
            await police.CheckAsync("round accepted by the police");
        }

        // The morning after the round the officer signs in again and records the visit.
        host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        await officer.SignInAsync("licensing.staff@alvby.demo");
        await officer.VisitAsync(roundUrl, "confirmed round");
        await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Fyll i checklistan Krogen Älven" }).ClickAsync();
        await officer.Page.GetByRole(AriaRole.Heading, new() { Name = "Checklista: Krogen Älven" }).WaitForAsync();
        await officer.CheckInBothLanguagesAsync("checklist form");

        await officer.Page.GetByLabel("Besöket började").FillAsync("20:30");
        await officer.Page.GetByLabel("Besöket slutade").FillAsync("22:00");
        await officer.Page.GetByLabel("Närvarande inspektörer").FillAsync("Anna Tillståndsson\nPer Polis");
        var sobriety = officer.Page.GetByRole(AriaRole.Group, new() { Name = "Ordning och nykterhet, kön inräknad" });
        await sobriety.GetByText("Anmärkning", new() { Exact = true }).ClickAsync();
        await sobriety.GetByLabel("Anteckning").FillAsync("Lång kö, flera berusade gäster släpptes in.");
        var food = officer.Page.GetByRole(AriaRole.Group, new() { Name = "Lagad mat finns" });
        await food.GetByText("Utan anmärkning", new() { Exact = true }).ClickAsync();
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara besöket" }).ClickAsync();

        await officer.Page.GetByText("Besöket är sparat.").WaitForAsync();
        await officer.CheckInBothLanguagesAsync("recorded visit");
        Assert.True(await officer.Page.GetByRole(AriaRole.Cell, new() { Name = "Lång kö, flera berusade gäster släpptes in." }).IsVisibleAsync());
        // Ten working days from Friday 27 November: Friday 11 December.
        Assert.StartsWith("2026-12-11", await officer.Page.Locator("dd.deadline").InnerTextAsync(), StringComparison.Ordinal);
        await officer.ScreenshotAsync("inspections-round-checklist-recorded");

        await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Visa protokollet för utskrift" }).ClickAsync();
        await officer.Page.GetByRole(AriaRole.Heading, new() { Name = "Tillsynsprotokoll" }).WaitForAsync();
        await officer.CheckInBothLanguagesAsync("protocol print view");
        await officer.Page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await officer.Page.GetByRole(AriaRole.Navigation).First.IsVisibleAsync(), "The print stylesheet leaves the navigation out.");
        await officer.ScreenshotAsync("inspections-protocol-print");
    }
}
