using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Operations;

/// <summary>
/// A status filter the incidents list cannot read is said so, at the filter: the page once
/// showed "no incidents" for it, and a comma list or a repeated parameter was read as the enum
/// flags of another status.
/// </summary>
public sealed class IncidentFilterTests(EmbeddedHostFactory host) : IClassFixture<EmbeddedHostFactory>
{
    private const string Administrator = "police.administrator@alvby.demo";

    [Theory]
    [InlineData("Open,Retried")]
    [InlineData("Open&status=Retried")]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData("Foo")]
    public async Task A_status_that_is_not_one_status_is_a_problem_naming_status(string status)
    {
        using var client = host.CreateClient();
        var token = await DemoBearer.TokenAsync(client, Administrator);

        using var response = await DemoBearer.SendAsync(client, HttpMethod.Get, $"/api/operations/incidents?status={status}", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["status"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task An_unknown_status_on_the_incidents_page_is_shown_at_the_filter_not_as_an_empty_list()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });
        var token = await DemoBearer.TokenAsync(client, Administrator);

        using var response = await DemoBearer.SendAsync(client, HttpMethod.Get, "/Operations/Incidents?Status=Foo", token);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p class=\"error-message\" id=\"status-error\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"status-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Okänd status ”Foo”", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Inga incidenter.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_status_on_the_incidents_page_in_any_case_lists_without_an_error()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });
        var token = await DemoBearer.TokenAsync(client, Administrator);

        using var response = await DemoBearer.SendAsync(client, HttpMethod.Get, "/Operations/Incidents?Status=retried", token);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("status-error", html, StringComparison.Ordinal);
    }
}
