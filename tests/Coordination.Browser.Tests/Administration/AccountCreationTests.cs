using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Administration;

/// <summary>A new colleague's account: created by the school's administrator, its password chosen by the colleague with the link handed over.</summary>
public sealed class AccountCreationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "Ny-Kollega-2026!x";

    [Fact]
    public async Task Administrator_creates_an_account_and_the_new_colleague_chooses_a_password_with_the_link_and_signs_in()
    {
        await using var host = await BrowserHost.StartAsync("browser-admin-accounts");
        await using var admin = await BrowserUser.OpenAsync(browser.Browser, host);
        await admin.SignInAsync("school.administrator@alvby.demo");
        await admin.VisitAsync("/Admin/Users", "users and memberships");
        var page = admin.Page;
        var create = page.GetByRole(AriaRole.Form, new() { Name = "Skapa konto" });

        // A mistyped address first: named at its field, nothing created.
        await create.GetByLabel("Namn").FillAsync("Nora Nykvist");
        await create.GetByLabel("E-postadress").FillAsync("nora.nykvist@alvby");
        await create.GetByLabel("Verksamhet").SelectOptionAsync(new SelectOptionValue { Label = "Skolan" });
        await create.GetByLabel("Roll").SelectOptionAsync(new SelectOptionValue { Label = "Handläggare" });
        await create.GetByRole(AriaRole.Button, new() { Name = "Skapa konto" }).ClickAsync();
        Assert.Equal("Skriv en e-postadress som namn@kommun.se.", await page.Locator(".error-summary li").InnerTextAsync());
        Assert.Equal("true", await create.GetByLabel("E-postadress").GetAttributeAsync("aria-invalid"));
        Assert.Equal("Nora Nykvist", await create.GetByLabel("Namn").InputValueAsync());
        await admin.CheckAsync("create account with a wrong address");

        await create.GetByLabel("E-postadress").FillAsync("nora.nykvist@alvby.demo");
        await create.GetByRole(AriaRole.Button, new() { Name = "Skapa konto" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Kontot för Nora Nykvist är skapat." }).WaitForAsync();
        var link = await page.GetByLabel("Lösenordslänk").InputValueAsync();
        Assert.Contains("/Account/SetPassword?token=", link, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("tbody tr", new() { HasText = "nora.nykvist@alvby.demo" }).CountAsync());
        await admin.CheckAsync("account created, with its link");
        await admin.ScreenshotAsync("admin-account-created");

        // The colleague, in a browser of their own, opens the link: a rule broken first, then a password that keeps them.
        await using var colleague = await BrowserUser.OpenAsync(browser.Browser, host);
        await colleague.VisitAsync(new Uri(link).PathAndQuery, "choose a password");
        var own = colleague.Page;
        Assert.Contains("nora.nykvist@alvby.demo", await own.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await own.GetByLabel("Nytt lösenord", new() { Exact = true }).FillAsync("nykvist2026");
        await own.GetByLabel("Upprepa nytt lösenord").FillAsync("nykvist2026");
        await own.GetByRole(AriaRole.Button, new() { Name = "Spara lösenordet" }).ClickAsync();
        Assert.Contains("Lösenordet måste innehålla minst en stor bokstav (A–Z).", await own.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("", await own.GetByLabel("Nytt lösenord", new() { Exact = true }).InputValueAsync());
        await colleague.CheckAsync("choose a password, a rule broken");
        await colleague.ScreenshotAsync("set-password-rule-broken");

        await own.GetByLabel("Nytt lösenord", new() { Exact = true }).FillAsync(Password);
        await own.GetByLabel("Upprepa nytt lösenord").FillAsync(Password);
        await own.GetByRole(AriaRole.Button, new() { Name = "Spara lösenordet" }).ClickAsync();
        await own.GetByRole(AriaRole.Status).Filter(new() { HasText = "Ditt lösenord är sparat. Logga in med det." }).WaitForAsync();
        await colleague.SignInAsync("nora.nykvist@alvby.demo", Password);
        await own.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Mina uppgifter" }).WaitForAsync();

        // The link is spent.
        await colleague.VisitAsync(new Uri(link).PathAndQuery, "a used password link");
        await own.GetByRole(AriaRole.Heading, new() { Name = "Länken är redan använd" }).WaitForAsync();
        Assert.Equal(0, await own.GetByLabel("Nytt lösenord", new() { Exact = true }).CountAsync());
    }
}
