using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

public sealed class RaiseConcernJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Teacher_raises_a_concern_and_sees_the_protective_assessment_deadline()
    {
        await using var host = await BrowserHost.StartAsync("browser-raise");
        await using var teacher = await BrowserUser.OpenAsync(browser.Browser, host);
        await teacher.SignInAsync("school.staff@alvby.demo");

        await teacher.Page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Anmäl oro" }).ClickAsync();
        await teacher.CheckInBothLanguagesAsync("raise-a-concern form");

        var page = teacher.Page;
        await page.GetByLabel("Personnummer eller samordningsnummer").FillAsync("20120315-1236");
        await page.Locator("#Input_Name").FillAsync("Alva Exempel");
        await page.GetByLabel("Skola").FillAsync("Älvby skola");
        await page.GetByLabel("Risk för brott").CheckAsync();
        await page.GetByLabel("Skolfrånvaro").CheckAsync();
        await page.GetByLabel("Brådskande").CheckAsync();
        await page.GetByLabel("Beskriv din oro").FillAsync("Ofta frånvarande, ses med äldre ungdomar som polisen känner till.");
        await page.GetByLabel("Vad vet vårdnadshavarna?").FillAsync("Mamman vet att skolan är orolig.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka anmälan till socialtjänsten" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Anmälan är skickad" }).WaitForAsync();
        await teacher.CheckInBothLanguagesAsync("concern raised receipt");

        // Raised on Monday 23 November 2026 at 09:00 in Stockholm: due the same working day.
        var deadline = await page.Locator("#protective-assessment-due").InnerTextAsync();
        Assert.StartsWith("2026-11-23", deadline, StringComparison.Ordinal);
        Assert.True(await page.GetByText("Skyddsbedömning senast").IsVisibleAsync());
        await teacher.ScreenshotAsync("journey-1-teacher-raised-concern-deadline");

        // The receipt shows the concern's own deadlines, whatever its address says, and only to its reporter.
        var receipt = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync(receipt + "?protectiveDue=2030-01-01T00:00:00Z");
        Assert.StartsWith("2026-11-23", await page.Locator("#protective-assessment-due").InnerTextAsync(), StringComparison.Ordinal);
        await using var colleague = await BrowserUser.OpenAsync(browser.Browser, host);
        await colleague.SignInAsync("school.manager@alvby.demo");
        var other = await colleague.Page.GotoAsync(receipt);
        Assert.Equal(404, other!.Status);
    }

    [Fact]
    public async Task Concern_form_keeps_what_was_typed_and_shows_each_error_next_to_its_field()
    {
        await using var host = await BrowserHost.StartAsync("browser-raise-errors");
        await using var teacher = await BrowserUser.OpenAsync(browser.Browser, host);
        await teacher.SignInAsync("school.staff@alvby.demo");

        foreach (var (culture, submit, pnrLabel, schoolLabel) in new[]
                 {
                     ("sv-SE", "Skicka anmälan till socialtjänsten", "Personnummer eller samordningsnummer", "Skola"),
                     ("en-GB", "Send the report to social services", "Personal identity number or coordination number", "School"),
                 })
        {
            await teacher.SetLanguageAsync(culture);
            await teacher.Page.GotoAsync("/Concerns/Raise");
            var page = teacher.Page;

            // A wrong check digit, no category, no description.
            await page.GetByLabel(pnrLabel).FillAsync("20120315-1237");
            await page.GetByLabel(schoolLabel).FillAsync("Älvby skola");
            await page.GetByRole(AriaRole.Button, new() { Name = submit }).ClickAsync();

            var pnr = page.Locator("#Input_PersonalIdentityNumber");
            await page.Locator("#error-summary").WaitForAsync();
            Assert.Equal("20120315-1237", await pnr.InputValueAsync());
            Assert.Equal("Älvby skola", await page.Locator("#Input_School").InputValueAsync());
            Assert.Equal("true", await pnr.GetAttributeAsync("aria-invalid"));
            Assert.Contains("Input_PersonalIdentityNumber-error", await pnr.GetAttributeAsync("aria-describedby") ?? string.Empty, StringComparison.Ordinal);
            Assert.True(await page.Locator("#Input_PersonalIdentityNumber-error").IsVisibleAsync());
            Assert.True(await page.Locator("#Input_Categories-error").IsVisibleAsync());
            Assert.True(await page.Locator("#Input_Description-error").IsVisibleAsync());

            // The error is beside its own field: inside the same field block.
            Assert.Equal(1, await page.Locator(".field", new() { Has = pnr }).Locator(".error-message").CountAsync());

            // The summary links to the fields.
            Assert.Equal(1, await page.Locator("#error-summary a[href='#Input_PersonalIdentityNumber']").CountAsync());
            await teacher.CheckAsync($"raise-a-concern form with errors ({culture})");
            await teacher.ScreenshotAsync($"raise-concern-form-errors-{culture}");
        }
    }
}
