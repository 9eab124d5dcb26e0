using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Account;

public sealed class StatusPageLanguageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string RaisePage = "/Concerns/Raise";

    [Fact]
    public async Task The_page_of_a_refused_form_switched_to_English_and_back_keeps_its_reason_and_its_way_back()
    {
        await using var host = await BrowserHost.StartAsync("browser-status-language");
        await using var teacher = await BrowserUser.OpenAsync(browser.Browser, host);
        await teacher.SignInAsync("school.staff@alvby.demo");
        var page = teacher.Page;

        await page.GotoAsync(RaisePage);
        var key = await page.Locator("#main input[name='__IdempotencyKey']").GetAttributeAsync("value");
        await FillAsync(page, "Ofta frånvarande.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka anmälan till socialtjänsten" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Anmälan är skickad" }).WaitForAsync();

        // The same form, changed, sent again under the key it was first sent with.
        await page.GotoAsync(RaisePage);
        await FillAsync(page, "Frånvarande hela veckan.");
        await page.Locator("#main input[name='__IdempotencyKey']").EvaluateAsync("(input, key) => input.value = key", key);
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Skicka anmälan till socialtjänsten" }).ClickAsync(),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == RaisePage);
        Assert.Equal(422, refused.Status);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Formuläret har redan skickats med andra uppgifter" }).WaitForAsync();
        await teacher.CheckAsync("refused form's status page (Swedish)");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "This form was already sent with other details" }).WaitForAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(RaisePage, await page.GetByRole(AriaRole.Link, new() { Name = "Back to the page you came from" }).GetAttributeAsync("href"));
        Assert.Equal("/Status/422", new Uri(page.Url).AbsolutePath);
        await teacher.CheckAsync("refused form's status page (English)");
        await teacher.ScreenshotAsync("status-page-refused-form-en");

        await page.GetByRole(AriaRole.Button, new() { Name = "Svenska" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Formuläret har redan skickats med andra uppgifter" }).WaitForAsync();
        Assert.Equal("sv", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Tillbaka till sidan du kom från" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka anmälan till socialtjänsten" }).WaitForAsync();
        Assert.Equal(RaisePage, new Uri(page.Url).AbsolutePath);
    }

    private static async Task FillAsync(IPage page, string description)
    {
        await page.GetByLabel("Personnummer eller samordningsnummer").FillAsync("20120315-1236");
        await page.Locator("#Input_Name").FillAsync("Alva Exempel");
        await page.GetByLabel("Skola").FillAsync("Älvby skola");
        await page.GetByLabel("Skolfrånvaro").CheckAsync();
        await page.GetByLabel("Beskriv din oro").FillAsync(description);
        await page.GetByLabel("Vad vet vårdnadshavarna?").FillAsync("Mamman vet att skolan är orolig.");
    }
}
