using System.Text.RegularExpressions;
using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Administration;

/// <summary>The administrators' list of users, filtered as an administrator looking for someone would.</summary>
public sealed class UserListTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_finds_one_agencys_managers_and_an_edited_address_is_named_at_its_field()
    {
        await using var host = await BrowserHost.StartAsync("browser-admin-user-list");
        await using var admin = await BrowserUser.OpenAsync(browser.Browser, host);
        await admin.SignInAsync("school.administrator@alvby.demo");
        await admin.VisitAsync("/Admin/Users", "users and memberships");
        var page = admin.Page;
        var filter = page.GetByRole(AriaRole.Search, new() { Name = "Filtrera användare" });
        var emails = page.Locator("tbody tr td:nth-child(2)");

        // A name in any case: the school's five users.
        await filter.GetByLabel("Sök namn eller e-postadress").FillAsync("SKOLAN");
        await filter.GetByRole(AriaRole.Button, new() { Name = "Filtrera" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = Count(5) }).WaitForAsync();
        Assert.All(await emails.AllInnerTextsAsync(), e => Assert.StartsWith("school.", e, StringComparison.Ordinal));

        // An agency and a role together: the social services' manager only.
        await filter.GetByLabel("Sök namn eller e-postadress").FillAsync("");
        await filter.GetByLabel("Verksamhet").SelectOptionAsync(new SelectOptionValue { Label = "Socialtjänsten" });
        await filter.GetByLabel("Roll").SelectOptionAsync(new SelectOptionValue { Label = "Chef" });
        await filter.GetByRole(AriaRole.Button, new() { Name = "Filtrera" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = Count(1) }).WaitForAsync();
        Assert.Equal(["social.manager@alvby.demo"], await emails.AllInnerTextsAsync());
        Assert.Contains("municipalityId=", page.Url, StringComparison.Ordinal);
        await admin.CheckInBothLanguagesAsync("users filtered by agency and role");
        await admin.ScreenshotAsync("admin-users-filtered");

        // A role the form does not offer, typed into the address: named at the role field, no list.
        await admin.VisitAsync(page.Url.Replace("role=Manager", "role=Superuser", StringComparison.Ordinal), "users filter with an unknown role");
        Assert.Equal("Adressen anger en roll som inte finns. Välj en i listan.", await page.Locator(".error-summary li").InnerTextAsync());
        Assert.Contains("Adressen anger en roll som inte finns.", await page.Locator("#role-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await filter.GetByLabel("Roll").GetAttributeAsync("aria-invalid"));
        Assert.Equal(0, await page.Locator("tbody tr").CountAsync());
        await admin.ScreenshotAsync("admin-users-filter-unknown-role");
    }

    private static Regex Count(int shown) => new($"^Visar {shown} av \\d+ användare\\.$");
}
