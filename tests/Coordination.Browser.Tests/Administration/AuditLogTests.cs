using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Administration;

public sealed class AuditLogTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Auditor = "social.auditor@alvby.demo";

    [Fact]
    public async Task The_auditor_finds_who_read_the_concern_and_sees_the_chain_intact()
    {
        await using var host = await BrowserHost.StartAsync("browser-audit-log");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);
        await api.WaitForAsync(Scenario.Coordinator, $"/api/concerns/{concernId}", c => c.GetProperty("status").GetString() != "Registering", "the concern's workflow to start");

        await using var auditor = await BrowserUser.OpenAsync(browser.Browser, host);
        await auditor.SignInAsync(Auditor);
        var page = auditor.Page;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Granskningslogg" }).ClickAsync();
        await auditor.CheckInBothLanguagesAsync("audit log");

        await page.GetByLabel("Händelse").SelectOptionAsync("PersonalDataRead");
        await page.GetByLabel("Vem (e-postadress)").FillAsync(Scenario.Coordinator);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        var rows = page.Locator("tbody tr");
        await rows.First.WaitForAsync();
        Assert.All(await rows.AllInnerTextsAsync(), row =>
        {
            Assert.Contains(Scenario.Coordinator, row, StringComparison.Ordinal);
            Assert.Contains("Läsning av personuppgifter", row, StringComparison.Ordinal);
            Assert.Contains(concernId.ToString(), row, StringComparison.Ordinal);
        });

        // A period that ends before it starts is named at its field.
        await page.GetByLabel("Från och med").FillAsync("2026-12-01");
        await page.GetByLabel("Till och med").FillAsync("2026-11-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Perioden slutar innan den börjar." }).WaitForAsync();
        await auditor.CheckAsync("audit log with a period error");

        await page.GetByLabel("Från och med").FillAsync("");
        await page.GetByLabel("Till och med").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontrollera kedjan" }).ClickAsync();
        await page.GetByText("Kedjan är obruten").WaitForAsync();
        await auditor.CheckAsync("audit log with the chain checked");
        await auditor.ScreenshotAsync("audit-log");
    }
}
