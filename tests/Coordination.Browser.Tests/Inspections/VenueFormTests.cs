using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Inspections;

public sealed class VenueFormTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_bad_organisation_number_is_shown_next_to_its_field_and_everything_typed_is_kept()
    {
        await using var host = await BrowserHost.StartAsync("browser-venue-validation");
        await using var officer = await BrowserUser.OpenAsync(browser.Browser, host);
        await officer.SignInAsync("licensing.staff@alvby.demo");
        await officer.VisitAsync("/Inspections/Venue", "venue registration form");

        await VenueForms.FillAsync(officer.Page, "Baren Bron", "556677-8898");
        await officer.Page.GetByLabel("Dans förekommer").CheckAsync();

        // Three mistakes at once, one of them (the number of complaints) caught by the page itself: all three are shown.
        await officer.Page.GetByLabel("Antal klagomål").FillAsync("1.5");
        await officer.Page.GetByLabel("Serveringstid till").FillAsync("");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        var error = officer.Page.Locator("#Input_OrganisationNumber-error");
        await error.WaitForAsync();
        Assert.Contains("giltigt organisationsnummer", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("heltal", await officer.Page.Locator("#Input_Complaints-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("både från och till", await officer.Page.Locator("#error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await officer.Page.GetByLabel("Antal klagomål").FillAsync("0");
        await officer.Page.GetByLabel("Serveringstid till").FillAsync("02:00");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await error.WaitForAsync();
        Assert.Contains("giltigt organisationsnummer", await error.InnerTextAsync(), StringComparison.Ordinal);
        var field = officer.Page.GetByLabel("Organisationsnummer");
        Assert.Equal("556677-8898", await field.InputValueAsync());
        Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
        Assert.Contains("Input_OrganisationNumber-error", await field.GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Equal("Baren Bron", await officer.Page.GetByLabel("Namn", new() { Exact = true }).InputValueAsync());
        Assert.Equal("Lisa Ansvarig", await officer.Page.GetByLabel("Serveringsansvariga").InputValueAsync());
        Assert.True(await officer.Page.GetByLabel("Dans förekommer").IsCheckedAsync());
        Assert.True(await officer.Page.GetByLabel("Servering till allmänheten").IsCheckedAsync());
        var summary = officer.Page.Locator("#error-summary");
        Assert.Equal("#Input_OrganisationNumber", await summary.GetByRole(AriaRole.Link).First.GetAttributeAsync("href"));
        await officer.CheckAsync("venue form with an error");
        await officer.ScreenshotAsync("inspections-venue-validation");

        await officer.Page.GetByLabel("Organisationsnummer").FillAsync("556677-8899");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await officer.Page.GetByText("Uppgifterna är sparade.").WaitForAsync();
    }

    [Fact]
    public async Task A_change_to_a_venue_someone_else_changed_meanwhile_is_refused_with_a_clear_message()
    {
        await using var host = await BrowserHost.StartAsync("browser-venue-stale");
        await using var first = await BrowserUser.OpenAsync(browser.Browser, host);
        await using var second = await BrowserUser.OpenAsync(browser.Browser, host);
        await first.SignInAsync("licensing.staff@alvby.demo");
        await second.SignInAsync("licensing.manager@alvby.demo");

        await first.VisitAsync("/Inspections/Venue", "venue registration form");
        await VenueForms.FillAsync(first.Page, "Krogen Kajen", "556123-4567");
        await first.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await first.Page.GetByText("Uppgifterna är sparade.").WaitForAsync();
        await first.Page.GetByRole(AriaRole.Link, new() { Name = "Ändra uppgifter" }).ClickAsync();
        var editUrl = new Uri(first.Page.Url).PathAndQuery;

        // Both open the same version; the manager saves first.
        await second.VisitAsync(editUrl, "venue change form");
        await second.Page.GetByLabel("Antal klagomål").FillAsync("2");
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await second.Page.GetByText("Uppgifterna är sparade.").WaitForAsync();

        await first.Page.GetByLabel("Adress", new() { Exact = true }).FillAsync("Kajgatan 3");
        await first.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await first.Page.GetByRole(AriaRole.Heading, new() { Name = "Någon annan har ändrat serveringsstället" }).WaitForAsync();
        await first.CheckAsync("venue form after a stale change");
        Assert.Equal("2", await first.Page.GetByLabel("Antal klagomål").InputValueAsync());
        Assert.Equal("Storgatan 1", await first.Page.GetByLabel("Adress", new() { Exact = true }).InputValueAsync());
        await first.ScreenshotAsync("inspections-venue-stale-change");

        // On the current version the change goes through.
        await first.Page.GetByLabel("Adress", new() { Exact = true }).FillAsync("Kajgatan 3");
        await first.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await first.Page.GetByText("Uppgifterna är sparade.").WaitForAsync();
        Assert.True(await first.Page.GetByText("Kajgatan 3, Älvby").IsVisibleAsync());
    }
}
