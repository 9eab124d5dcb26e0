using System.Net;
using System.Net.Http.Json;
using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Administration;

public sealed class DeadlineTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_changes_the_task_deadline_and_the_protocol_working_days_and_the_new_deadlines_are_shown()
    {
        await using var host = await BrowserHost.StartAsync("browser-admin-deadlines");
        await using var admin = await BrowserUser.OpenAsync(browser.Browser, host);
        await admin.SignInAsync("licensing.administrator@alvby.demo");
        await admin.VisitAsync("/Admin", "administration start page");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Routingregler och tidsfrister" }).ClickAsync();
        await admin.CheckInBothLanguagesAsync("routing rules and deadlines");

        // Monday 23 November 09:00: three working days by default.
        Assert.StartsWith("2026-11-26", await admin.Page.Locator("#task-due-example").InnerTextAsync(), StringComparison.Ordinal);
        var taskDays = admin.Page.GetByLabel("Svarstid för uppgifter (arbetsdagar)");
        await taskDays.FillAsync("0");

        // A reminder interval too large to count a timer from is answered at its field too, not with an error page.
        var reminderHours = admin.Page.GetByLabel("Påminnelse var (timmar)");
        await reminderHours.FillAsync("2147483647");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Spara som ny version" }).ClickAsync();
        await admin.Page.Locator("#Input_TaskAnswerWorkingDays-error").WaitForAsync();
        Assert.Contains("mellan 1 och 60", await admin.Page.Locator("#Input_TaskAnswerWorkingDays-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("30 dygn", await admin.Page.Locator("#Input_ReminderIntervalHours-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("0", await taskDays.InputValueAsync());
        Assert.Equal("2147483647", await reminderHours.InputValueAsync());
        await reminderHours.FillAsync("24");
        await admin.CheckAsync("routing rules with an error");

        await taskDays.FillAsync("5");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Spara som ny version" }).ClickAsync();
        await admin.Page.GetByText("Reglerna är sparade som version 1.").WaitForAsync();
        Assert.Equal("5", await taskDays.InputValueAsync());
        Assert.StartsWith("2026-11-30", await admin.Page.Locator("#task-due-example").InnerTextAsync(), StringComparison.Ordinal);
        await admin.CheckInBothLanguagesAsync("routing rules saved");
        await admin.ScreenshotAsync("admin-routing-rules-task-deadline");

        // The settings are the licensing unit's page; its administrators find it from the administration start page.
        await admin.VisitAsync("/Admin", "administration start page");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Inställningar för tillsyn" }).ClickAsync();
        await admin.Page.WaitForURLAsync(url => url.Contains("/Inspections/Settings", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Inställningar för tillsyn", Level = 1 }).WaitForAsync();
        await admin.CheckAsync("inspection settings");
        Assert.StartsWith("2026-12-07", await admin.Page.Locator("#protocol-due-example").InnerTextAsync(), StringComparison.Ordinal);
        await admin.Page.GetByLabel("Protokoll till tillståndshavaren (arbetsdagar)").FillAsync("99999");

        // A value that is not a whole number does not hide the range error of another field: both show at once.
        await admin.Page.GetByLabel("Återbesök inom (dagar)").FillAsync("2.5");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await admin.Page.Locator("#Input_protocolWorkingDays_-error").WaitForAsync();
        Assert.Contains("Mellan 1 och 60", await admin.Page.Locator("#Input_protocolWorkingDays_-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Ange ett heltal.", await admin.Page.Locator("#Input_reInspectionDays_-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("2.5", await admin.Page.GetByLabel("Återbesök inom (dagar)").InputValueAsync());
        await admin.Page.GetByLabel("Återbesök inom (dagar)").FillAsync("60");
        Assert.StartsWith("2026-12-07", await admin.Page.Locator("#protocol-due-example").InnerTextAsync(), StringComparison.Ordinal);
        await admin.Page.GetByLabel("Protokoll till tillståndshavaren (arbetsdagar)").FillAsync("5");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await admin.Page.GetByText("Inställningarna är sparade.").WaitForAsync();
        Assert.Equal("5", await admin.Page.GetByLabel("Protokoll till tillståndshavaren (arbetsdagar)").InputValueAsync());
        Assert.StartsWith("2026-11-30", await admin.Page.Locator("#protocol-due-example").InnerTextAsync(), StringComparison.Ordinal);
        await admin.CheckInBothLanguagesAsync("inspection settings saved");
        await admin.ScreenshotAsync("admin-inspection-settings-protocol-days");
    }

    [Fact]
    public async Task Licensing_manager_changes_the_inspection_settings_and_licensing_staff_read_them()
    {
        await using var host = await BrowserHost.StartAsync("browser-inspection-settings");
        await using var manager = await BrowserUser.OpenAsync(browser.Browser, host);
        await manager.SignInAsync("licensing.manager@alvby.demo");

        // A bookmark of the settings' old administration address still leads to them.
        await manager.VisitAsync("/Admin/InspectionSettings", "inspection settings by the old address");
        Assert.Contains("/Inspections/Settings", manager.Page.Url, StringComparison.Ordinal);
        await manager.VisitAsync("/Inspections", "inspection calendar");
        await manager.Page.GetByRole(AriaRole.Link, new() { Name = "Inställningar för tillsyn" }).ClickAsync();
        var protocolDays = manager.Page.GetByLabel("Protokoll till tillståndshavaren (arbetsdagar)");
        await protocolDays.FillAsync("7");
        var lateHours = manager.Page.GetByLabel("Servering efter denna tid räknas som sena öppettider");
        Assert.Equal("01:00", await lateHours.InputValueAsync());
        await lateHours.FillAsync("00:30");
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await manager.Page.GetByText("Inställningarna är sparade.").WaitForAsync();
        Assert.Equal("7", await protocolDays.InputValueAsync());
        Assert.Equal("00:30", await lateHours.InputValueAsync());
        await manager.CheckInBothLanguagesAsync("inspection settings saved by a licensing manager");

        await using var staff = await BrowserUser.OpenAsync(browser.Browser, host);
        await staff.SignInAsync("licensing.staff@alvby.demo");
        await staff.VisitAsync("/Inspections", "inspection calendar");
        await staff.Page.GetByRole(AriaRole.Link, new() { Name = "Inställningar för tillsyn" }).ClickAsync();
        await staff.Page.Locator("#setting-protocolWorkingDays").WaitForAsync();
        Assert.Equal("7", await staff.Page.Locator("#setting-protocolWorkingDays").InnerTextAsync());
        Assert.Equal("00:30", await staff.Page.Locator("#setting-lateHoursFrom").InnerTextAsync());
        Assert.Equal(0, await staff.Page.Locator("input[name^='Input[']").CountAsync());
        Assert.Equal(0, await staff.Page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).CountAsync());
        await staff.CheckInBothLanguagesAsync("inspection settings read by licensing staff");
        await staff.ScreenshotAsync("inspection-settings-read-only");
    }

    [Fact]
    public async Task Administrator_adds_and_removes_a_membership_and_ends_a_lockout()
    {
        await using var host = await BrowserHost.StartAsync("browser-admin-users");
        await using var admin = await BrowserUser.OpenAsync(browser.Browser, host);
        await admin.SignInAsync("social.administrator@alvby.demo");
        await admin.VisitAsync("/Admin/Users", "users and memberships");
        var add = admin.Page.GetByRole(AriaRole.Form, new() { Name = "Lägg till behörighet" });

        await add.GetByLabel("E-postadress").FillAsync("nobody@alvby.demo");
        // Only the agency they administer is offered: a social services administrator cannot hand out school or police roles.
        Assert.Equal(["", "SocialServices"], await admin.Page.Locator("select[name='Input.AgencyKind'] option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await add.GetByLabel("Verksamhet").SelectOptionAsync("SocialServices");
        await add.GetByLabel("Roll").SelectOptionAsync("Staff");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lägg till" }).ClickAsync();
        await admin.Page.Locator("#Input_Email-error").WaitForAsync();
        Assert.Equal("nobody@alvby.demo", await add.GetByLabel("E-postadress").InputValueAsync());
        Assert.Equal("SocialServices", await add.GetByLabel("Verksamhet").InputValueAsync());
        await admin.CheckAsync("users page with an error");

        await add.GetByLabel("E-postadress").FillAsync("social.staff@alvby.demo");
        await add.GetByLabel("Roll").SelectOptionAsync("Manager");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lägg till" }).ClickAsync();
        await admin.Page.GetByText("Behörigheten är tillagd.").WaitForAsync();
        var removeButton = admin.Page.GetByRole(AriaRole.Button, new() { Name = "Ta bort Socialtjänsten, Chef, Socialtjänsten Staff (Älvby kommun (demo))" });

        // Other agencies' memberships and the administrator's own have no remove button.
        Assert.Equal(0, await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Ta bort Skolan, Handläggare, Skolan Staff (Älvby kommun (demo))" }).CountAsync());
        Assert.Equal(0, await admin.Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Socialtjänsten Administrator") }).CountAsync());
        Assert.Equal(1, await removeButton.CountAsync());
        await admin.CheckInBothLanguagesAsync("membership added");
        await removeButton.ClickAsync();
        await admin.Page.GetByText("Behörigheten är borttagen.").WaitForAsync();
        Assert.Equal(0, await removeButton.CountAsync());
        await admin.ScreenshotAsync("admin-users-memberships");

        // Five wrong passwords lock a colleague out; the page says until when, and the administrator ends it.
        using (var client = new HttpClient { BaseAddress = host.BaseAddress })
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                using var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email = "social.staff@alvby.demo", password = "not-the-password-1" });
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
        }

        await admin.VisitAsync("/Admin/Users", "users page with a locked account");
        await admin.Page.GetByText("Kontot är låst till").WaitForAsync();
        var unlock = admin.Page.GetByRole(AriaRole.Button, new() { Name = "Lås upp Socialtjänsten Staff (Älvby kommun (demo))" });
        await admin.CheckInBothLanguagesAsync("users page with a locked account");
        await admin.ScreenshotAsync("admin-users-locked-account");
        await unlock.ClickAsync();
        await admin.Page.GetByText("Kontot är upplåst; användaren kan logga in igen.").WaitForAsync();
        Assert.Equal(0, await unlock.CountAsync());
        Assert.Equal(0, await admin.Page.GetByText("Kontot är låst till").CountAsync());
    }
}
