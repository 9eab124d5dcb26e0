using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// Routing rules name each category and agency once, by one defined name: a list of names
/// ("School, Leisure") was read as the flags it would combine to, another agency, and a category
/// given twice silently kept its last list.
/// </summary>
public sealed class RoutingRulesNamesTests
{
    private const string SocialAdministrator = "social.administrator@alvby.demo";

    [Theory]
    [InlineData("""{"CrimeRisk":["School, Leisure"]}""", "agenciesByCategory.CrimeRisk[0]")]
    [InlineData("""{"CrimeRisk":["3"]}""", "agenciesByCategory.CrimeRisk[0]")]
    [InlineData("""{"CrimeRisk":[3]}""", "agenciesByCategory.CrimeRisk[0]")]
    [InlineData("""{"Truancy, Alcohol":["Police"]}""", "agenciesByCategory['Truancy, Alcohol']")]
    [InlineData("""{"1":["Police"]}""", "agenciesByCategory.1")]
    [InlineData("""{"HomeSituation":["School"],"HomeSituation":["Police"]}""", "agenciesByCategory.HomeSituation")]
    [InlineData("""{"HomeSituation":["School"],"homeSituation":["Police"]}""", "agenciesByCategory.homeSituation")]
    public async Task A_category_or_agency_that_is_not_one_defined_name_or_a_category_given_twice_is_refused_naming_it(string agenciesByCategory, string field)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var path = await PathAsync(host);
        var before = (await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");
        var rules = JsonNode.Parse(before.GetRawText())!.AsObject();
        rules.Remove("agenciesByCategory");
        var body = rules.ToJsonString()[..^1] + ",\"agenciesByCategory\":" + agenciesByCategory + "}";

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await users.SendAsync(SocialAdministrator, HttpMethod.Put, path, content);

        var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var after = (await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    /// <summary>
    /// Rules naming an agency of inspections only (or social services, which hold every concern)
    /// for a category were saved, and the case page then suggested sharing with an agency no legal
    /// basis can name.
    /// </summary>
    [Theory]
    [InlineData("TaxAgency")]
    [InlineData("LicensingUnit")]
    [InlineData("RescueService")]
    [InlineData("SocialServices")]
    public async Task An_agency_that_takes_no_part_in_the_joint_work_on_concerns_is_refused_at_its_category(string agency)
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var path = await PathAsync(host);
        var before = (await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");
        var rules = JsonNode.Parse(before.GetRawText())!.AsObject();
        rules["agenciesByCategory"]!["Drugs"] = new JsonArray("Police", agency);

        using var content = new StringContent(rules.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await users.SendAsync(SocialAdministrator, HttpMethod.Put, path, content);

        var problem = await ApiUsers.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["agenciesByCategory.Drugs"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var after = (await users.GetJsonAsync(SocialAdministrator, path)).GetProperty("rules");
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task The_rules_page_shows_an_agency_of_inspections_only_refused_at_the_routing_table()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var path = await PathAsync(host);
        var before = await users.GetJsonAsync(SocialAdministrator, path);
        var page = $"/Admin/RoutingRules?municipalityId={path.Split('/')[3]}";
        var token = await users.TokenAsync(SocialAdministrator);
        KeyValuePair<string, string>[] fields = [.. RoutingRulesPage.Fields(before), new("Input.Agencies", "Drugs:Police"), new("Input.Agencies", "Drugs:TaxAgency")];

        using var response = await PageForms.PostAsync(users.Client, page, await PageForms.AntiforgeryTokenAsync(users.Client, page, token), fields, token);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"Input_Agencies-error\"[^>]*>.*TaxAgency takes part in inspections", html);
        Assert.Equal(before.GetRawText(), (await users.GetJsonAsync(SocialAdministrator, path)).GetRawText());
    }

    private static async Task<string> PathAsync(SecurityHost host)
    {
        var alvby = await host.WithDatabaseAsync(db => db.Municipalities.Where(m => m.Code == "9901").Select(m => m.Id).SingleAsync());
        return $"/api/municipalities/{alvby}/routing-rules";
    }
}
