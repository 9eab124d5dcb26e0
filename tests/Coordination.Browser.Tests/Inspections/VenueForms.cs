using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Inspections;

/// <summary>Fills the venue register form (in Swedish) with a venue serving alcohol to the public.</summary>
internal static class VenueForms
{
    public static async Task FillAsync(IPage page, string name, string organisationNumber)
    {
        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Tillståndshavare").FillAsync(name + " AB");
        await page.GetByLabel("Organisationsnummer").FillAsync(organisationNumber);
        await page.GetByLabel("Adress", new() { Exact = true }).FillAsync("Storgatan 1");
        await page.GetByLabel("Postort").FillAsync("Älvby");
        await page.GetByLabel("Servering till allmänheten").CheckAsync();
        await page.GetByLabel("Serveringstid från").FillAsync("11:00");
        await page.GetByLabel("Serveringstid till").FillAsync("02:00");
        await page.GetByLabel("Serveringsansvariga").FillAsync("Lisa Ansvarig");
    }
}
