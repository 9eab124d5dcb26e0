using Coordination.Browser.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Account;

public sealed class SignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Teacher_opening_a_page_signs_in_returns_to_it_sees_only_what_a_school_member_may_use_and_signs_out()
    {
        await using var host = await BrowserHost.StartAsync("browser-signin");
        await using var teacher = await BrowserUser.OpenAsync(browser.Browser, host);

        // A page opened signed out leads to the sign-in page, and signing in leads back to it.
        await teacher.Page.GotoAsync("/Tasks");
        await teacher.Page.GetByRole(AriaRole.Heading, new() { Name = "Logga in" }).WaitForAsync();
        await teacher.Page.GetByLabel("E-postadress").FillAsync("school.staff@alvby.demo");
        await teacher.Page.GetByLabel("Lösenord").FillAsync(BrowserUser.DemoPassword);
        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await teacher.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Tasks", new() { WaitUntil = WaitUntilState.Commit });
        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).WaitForAsync();

        // A page the teacher may not open, and one that does not exist, say so in the layout.
        await teacher.VisitAsync("/Operations/Incidents", "no-access page");
        await teacher.Page.GetByRole(AriaRole.Heading, new() { Name = "Ingen behörighet" }).WaitForAsync();
        await teacher.VisitAsync("/Concerns/Case/" + Guid.NewGuid(), "not-found page");
        await teacher.Page.GetByRole(AriaRole.Heading, new() { Name = "Sidan finns inte" }).WaitForAsync();
        await teacher.Page.GetByRole(AriaRole.Link, new() { Name = "Till startsidan" }).ClickAsync();
        await teacher.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit });

        await teacher.VisitAsync("/", "start page");

        var nav = teacher.Page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" });
        Assert.True(await nav.GetByRole(AriaRole.Link, new() { Name = "Anmäl oro" }).IsVisibleAsync());
        Assert.True(await nav.GetByRole(AriaRole.Link, new() { Name = "Mina uppgifter" }).IsVisibleAsync());
        Assert.Equal(0, await nav.GetByRole(AriaRole.Link, new() { Name = "Administration" }).CountAsync());
        Assert.Equal(0, await nav.GetByRole(AriaRole.Link, new() { Name = "Översikt för chefer" }).CountAsync());
        Assert.Equal(0, await nav.GetByRole(AriaRole.Link, new() { Name = "Tillsyn" }).CountAsync());

        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Equal("en", await teacher.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await teacher.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" })
            .GetByRole(AriaRole.Link, new() { Name = "Raise a concern" }).IsVisibleAsync());
        await teacher.ScreenshotAsync("sign-in-teacher-start-page-en");

        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await teacher.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_and_the_page_says_so()
    {
        await using var host = await BrowserHost.StartAsync("browser-lockout");
        await using var user = await BrowserUser.OpenAsync(browser.Browser, host);
        await user.VisitAsync("/Account/SignIn", "sign-in page");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await user.Page.GetByLabel("E-postadress").FillAsync("police.staff@alvby.demo");
            await user.Page.GetByLabel("Lösenord").FillAsync("Wrong-password-1!");
            await user.Page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        }

        await user.Page.GetByRole(AriaRole.Heading, new() { Name = "Kontot är tillfälligt låst" }).WaitForAsync();
        await user.CheckAsync("sign-in page, locked out");

        // Even the right password is refused while the account is locked.
        await user.Page.GetByLabel("E-postadress").FillAsync("police.staff@alvby.demo");
        await user.Page.GetByLabel("Lösenord").FillAsync(BrowserUser.DemoPassword);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await user.Page.GetByRole(AriaRole.Heading, new() { Name = "Kontot är tillfälligt låst" }).WaitForAsync();
        await user.ScreenshotAsync("sign-in-locked-out");

        // Every refused attempt is in the audit log, the five wrong passwords and the one while locked.
        await using var scope = host.Services.CreateAsyncScope();
        var refused = await scope.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.SignInFailed && e.Actor == "police.staff@alvby.demo")
            .Select(e => e.Detail)
            .ToListAsync();
        Assert.Equal(6, refused.Count);
        Assert.Contains(refused, d => d.EndsWith("account locked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task User_turns_on_the_authenticator_app_and_then_signs_in_with_its_code()
    {
        await using var host = await BrowserHost.StartAsync("browser-totp");
        await using var user = await BrowserUser.OpenAsync(browser.Browser, host);
        await user.SignInAsync("social.staff@alvby.demo");
        await user.VisitAsync("/Account/Security", "two-step verification page");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Skapa en nyckel för appen" }).ClickAsync();
        await user.Page.Locator("#shared-key").WaitForAsync();

        var key = (await user.Page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("otpauth://totp/", await user.Page.Locator("#authenticator-uri").InnerTextAsync(), StringComparison.Ordinal);
        await user.Page.GetByLabel("Kod").FillAsync(Totp.Code(key, PhoneClock()));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Slå på" }).ClickAsync();
        await user.Page.GetByText("Tvåstegsverifiering är påslagen.").WaitForAsync();
        await user.CheckAsync("two-step verification turned on");

        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await user.Page.GetByLabel("E-postadress").FillAsync("social.staff@alvby.demo");
        await user.Page.GetByLabel("Lösenord").FillAsync(BrowserUser.DemoPassword);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await user.Page.GetByRole(AriaRole.Heading, new() { Name = "Ange kod från din autentiseringsapp" }).WaitForAsync();
        await user.CheckInBothLanguagesAsync("sign-in code step");

        await user.Page.GetByLabel("Kod").FillAsync(Totp.Code(key, PhoneClock()));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Fortsätt" }).ClickAsync();
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).WaitForAsync();
        await user.ScreenshotAsync("sign-in-with-authenticator-code");
    }

    // ASP.NET Core Identity checks authenticator codes against the machine's clock, not the
    // host's TimeProvider, just as the user's phone shows codes by its own clock.
    private static DateTimeOffset PhoneClock() => DateTimeOffset.UtcNow;
}
