using Coordination.Browser.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Account;

public sealed class PasswordTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Teacher = "school.staff@alvby.demo";
    private const string NewPassword = "Ny-Samverkan-2027?";

    [Fact]
    public async Task Teacher_changes_the_password_after_a_rule_error_stays_signed_in_and_the_other_session_ends()
    {
        await using var host = await BrowserHost.StartAsync("browser-password");
        await using var teacher = await BrowserUser.OpenAsync(browser.Browser, host);
        await using var otherSession = await BrowserUser.OpenAsync(browser.Browser, host);
        await teacher.SignInAsync(Teacher);
        await otherSession.SignInAsync(Teacher);

        // "Mitt konto" in the navigation leads to the account page, which links to the password page.
        await teacher.VisitAsync("/", "start page");
        await teacher.Page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Mitt konto" }).ClickAsync();
        await teacher.Page.GetByRole(AriaRole.Heading, new() { Name = "Mitt konto", Level = 1 }).WaitForAsync();
        await teacher.CheckInBothLanguagesAsync("my account page");
        await teacher.Page.GetByRole(AriaRole.Link, new() { Name = "Byt lösenord" }).ClickAsync();
        await teacher.Page.GetByRole(AriaRole.Heading, new() { Name = "Byt lösenord", Level = 1 }).WaitForAsync();
        await teacher.CheckInBothLanguagesAsync("password page");

        // Too short and without a digit: said at the new password's field, and nothing typed is shown again.
        var current = teacher.Page.GetByLabel("Nuvarande lösenord", new() { Exact = true });
        var next = teacher.Page.GetByLabel("Nytt lösenord", new() { Exact = true });
        var repeat = teacher.Page.GetByLabel("Upprepa nytt lösenord", new() { Exact = true });
        await current.FillAsync(BrowserUser.DemoPassword);
        await next.FillAsync("Kort-lösen");
        await repeat.FillAsync("Kort-lösen");
        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Byt lösenord" }).ClickAsync();
        var error = teacher.Page.Locator("#Input_NewPassword-error");
        await error.WaitForAsync();
        Assert.Contains("minst 12 tecken", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("minst en siffra", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Input_NewPassword-hint Input_NewPassword-error", await next.GetAttributeAsync("aria-describedby"));
        Assert.Equal(0, await teacher.Page.Locator("#Input_CurrentPassword-error").CountAsync());
        Assert.Equal(["", "", ""], [await current.InputValueAsync(), await next.InputValueAsync(), await repeat.InputValueAsync()]);
        await teacher.Page.GetByRole(AriaRole.Link, new() { Name = "Lösenordet måste vara minst 12 tecken långt." }).WaitForAsync();
        await teacher.CheckAsync("password page with an error");
        await teacher.ScreenshotAsync("password-form-error");

        await current.FillAsync(BrowserUser.DemoPassword);
        await next.FillAsync(NewPassword);
        await repeat.FillAsync(NewPassword);
        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Byt lösenord" }).ClickAsync();
        await teacher.Page.GetByText("Ditt lösenord är bytt.").WaitForAsync();
        await teacher.CheckAsync("my account page, password changed");
        await teacher.ScreenshotAsync("password-changed");

        // This browser is still signed in; the other session is sent to the sign-in page.
        await teacher.VisitAsync("/Tasks", "task inbox after the change");
        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).WaitForAsync();
        await otherSession.Page.GotoAsync("/Tasks");
        await otherSession.Page.GetByRole(AriaRole.Heading, new() { Name = "Logga in" }).WaitForAsync();

        // The new password signs in; the audit log holds the change.
        await otherSession.SignInAsync(Teacher, NewPassword);
        await using var scope = host.Services.CreateAsyncScope();
        var changes = await scope.ServiceProvider.GetRequiredService<CoordinationDbContext>().Set<AuditEntry>()
            .Where(e => e.Action == AuditAction.PasswordChanged)
            .Select(e => e.Actor)
            .ToListAsync();
        Assert.Equal([Teacher], changes);
    }
}
