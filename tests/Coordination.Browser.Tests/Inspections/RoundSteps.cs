using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Inspections;

/// <summary>
/// Steps through the inspection pages (in Swedish) that several journeys need before their own
/// part; the round journey checks these pages with axe, so these steps do not again.
/// </summary>
internal static class RoundSteps
{
    /// <summary>Registers a venue, plans a round at it on Friday 27 November and returns the round's address.</summary>
    public static async Task<string> PlanRoundAsync(BrowserUser officer, string venue, string organisationNumber)
    {
        await officer.Page.GotoAsync("/Inspections/Venue");
        await VenueForms.FillAsync(officer.Page, venue, organisationNumber);
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await officer.Page.GetByText("Uppgifterna är sparade.").WaitForAsync();

        await officer.Page.GotoAsync("/Inspections/Plan");
        await officer.Page.GetByLabel("Datum").FillAsync("2026-11-27");
        await officer.Page.GetByLabel(venue).CheckAsync();
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Planera rundan och fråga deltagarna" }).ClickAsync();
        await officer.Page.GetByText("Rundan är planerad.").WaitForAsync();
        return new Uri(officer.Page.Url).PathAndQuery.Replace("&planned=True", "", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The police officer accepts the request to take part, on the round's page.</summary>
    public static async Task AcceptAsync(BrowserUser police, string roundUrl)
    {
        await police.Page.GotoAsync(roundUrl);
        await police.Page.GetByRole(AriaRole.Button, new() { Name = "Acceptera" }).ClickAsync();
        await police.Page.GetByText("Du har accepterat att delta.").WaitForAsync();
    }

    /// <summary>Records the visit with one remark (order and sobriety) and returns on the visit's page.</summary>
    public static async Task RecordVisitWithRemarkAsync(BrowserUser officer, string roundUrl, string venue, string remark)
    {
        await officer.Page.GotoAsync(roundUrl);
        await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Fyll i checklistan " + venue }).ClickAsync();
        await officer.Page.GetByLabel("Besöket började").FillAsync("20:30");
        await officer.Page.GetByLabel("Besöket slutade").FillAsync("22:00");
        await officer.Page.GetByLabel("Närvarande inspektörer").FillAsync("Anna Tillståndsson\nPer Polis");
        var sobriety = officer.Page.GetByRole(AriaRole.Group, new() { Name = "Ordning och nykterhet, kön inräknad" });
        await sobriety.GetByText("Anmärkning", new() { Exact = true }).ClickAsync();
        await sobriety.GetByLabel("Anteckning").FillAsync(remark);
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Spara besöket" }).ClickAsync();
        await officer.Page.GetByText("Besöket är sparat.").WaitForAsync();
    }
}
