using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Administration;

/// <summary>A colleague leaves the school: the administrator disables the account with a reason, and enables it again when they come back.</summary>
public sealed class AccountDisablingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Staff = "school.staff@alvby.demo";

    [Fact]
    public async Task Administrator_disables_an_account_whose_open_session_ends_and_enables_it_again()
    {
        await using var host = await BrowserHost.StartAsync("browser-admin-disable");
        await using var colleague = await BrowserUser.OpenAsync(browser.Browser, host);
        await colleague.SignInAsync(Staff);
        await using var admin = await BrowserUser.OpenAsync(browser.Browser, host);
        await admin.SignInAsync("school.administrator@alvby.demo");
        await admin.VisitAsync("/Admin/Users?search=school.staff", "users, one colleague");
        var page = admin.Page;
        var row = page.Locator("tbody tr", new() { HasText = Staff });

        // No reason first: named at the row's field, nothing done.
        await row.GetByRole(AriaRole.Button, new() { Name = "Stäng av kontot" }).ClickAsync();
        Assert.Equal("Skriv varför, för loggen.", await page.Locator(".error-summary li").InnerTextAsync());
        Assert.Equal("true", await row.GetByLabel("Skäl att stänga av").GetAttributeAsync("aria-invalid"));
        await admin.CheckAsync("disable an account without a reason");

        await row.GetByLabel("Skäl att stänga av").FillAsync("Slutade på skolan 30 november");
        await row.GetByRole(AriaRole.Button, new() { Name = "Stäng av kontot" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "är avstängt" }).WaitForAsync();
        Assert.Contains("Avstängt sedan", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await row.GetByRole(AriaRole.Button, new() { Name = "Ny lösenordslänk" }).CountAsync());
        await admin.CheckAsync("account disabled");
        await admin.ScreenshotAsync("admin-account-disabled");

        // The colleague's open session ends at their next page, and their password no longer signs in.
        await colleague.Page.GotoAsync("/Tasks");
        await colleague.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Account/SignIn"));
        await colleague.Page.GetByLabel("E-postadress").FillAsync(Staff);
        await colleague.Page.GetByLabel("Lösenord").FillAsync(BrowserUser.DemoPassword);
        await colleague.Page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        Assert.Contains("E-postadressen eller lösenordet är fel.", await colleague.Page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);

        // Listed among the disabled accounts, and enabled again from there.
        await admin.VisitAsync("/Admin/Users?status=Disabled", "disabled accounts");
        Assert.Equal([Staff], await page.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync());
        await row.GetByLabel("Skäl att öppna igen").FillAsync("Tillbaka efter föräldraledighet");
        await row.GetByRole(AriaRole.Button, new() { Name = "Öppna kontot igen" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "är öppnat igen" }).WaitForAsync();
        await colleague.SignInAsync(Staff);
    }
}
