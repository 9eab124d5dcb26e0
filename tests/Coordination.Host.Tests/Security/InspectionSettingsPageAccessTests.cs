using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The inspection settings page belongs to the licensing unit: its managers and administrators
/// change the settings (as the settings API allows), its staff read them. It was an
/// administration page, which licensing managers could not open; its old address now leads here.
/// </summary>
public sealed class InspectionSettingsPageAccessTests
{
    private const string Page = "/Inspections/Settings";

    [Theory]
    [InlineData("licensing.manager@alvby.demo", true)]
    [InlineData("licensing.administrator@alvby.demo", true)]
    [InlineData("licensing.staff@alvby.demo", false)]
    public async Task The_licensing_unit_opens_the_inspection_settings_and_only_its_managers_and_administrators_get_the_form(string user, bool changes)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var (alvby, sjostad) = await MunicipalitiesAsync(host);

        using var response = await users.GetAsync(user, $"{Page}?municipalityId={alvby}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(changes, html.Contains("name=\"Input[protocolWorkingDays]\"", StringComparison.Ordinal));
        Assert.Contains("Protokoll till tillståndshavaren (arbetsdagar)", html, StringComparison.Ordinal);

        // Only municipalities where the user is of the licensing unit are offered.
        Assert.DoesNotContain(sjostad.ToString(), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("social.administrator@alvby.demo")]
    [InlineData("police.staff@alvby.demo")]
    [InlineData("licensing.auditor@alvby.demo")]
    public async Task Users_outside_the_licensing_unit_do_not_open_the_inspection_settings(string user)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var (alvby, _) = await MunicipalitiesAsync(host);

        using var response = await users.GetAsync(user, $"{Page}?municipalityId={alvby}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_old_administration_address_of_the_settings_leads_to_the_licensing_units_page()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var (alvby, _) = await MunicipalitiesAsync(host);

        using var response = await users.GetAsync("licensing.manager@alvby.demo", $"/Admin/InspectionSettings?municipalityId={alvby}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{Page}?municipalityId={alvby}", response.Headers.Location?.OriginalString);
    }

    private static Task<(Guid Alvby, Guid Sjostad)> MunicipalitiesAsync(SecurityHost host) =>
        host.WithDatabaseAsync(async db =>
        {
            var ids = await db.Municipalities.ToDictionaryAsync(m => m.Code, m => m.Id);
            return (ids["9901"], ids["9902"]);
        });
}
