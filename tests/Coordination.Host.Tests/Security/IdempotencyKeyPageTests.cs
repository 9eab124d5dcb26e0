using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Security;
using Coordination.Host.Tests.Concerns;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coordination.Host.Tests.Security.RefusedForms;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// A page form sent again that the idempotency key refuses (the first sending still running on
/// another host, other details under the same key, an access changed since) gets a page in the
/// user's language saying what happened and leading back, not the generic error page that would
/// have them send it once more; an API client gets problem details as before.
/// </summary>
public sealed class IdempotencyKeyPageTests
{
    private const string RaisePage = RaiseForm.Page;

    [Theory]
    [InlineData("sv-SE", "sv", "Formuläret har redan skickats och behandlas", "Inget har gått förlorat. Fyll inte i och skicka formuläret igen.", "ladda sedan om sidan", "Tillbaka till sidan du kom från")]
    [InlineData("en-GB", "en", "Your form has already been sent and is being handled", "Nothing has been lost. Do not fill in and send the form again.", "then reload this page", "Back to the page you came from")]
    public async Task A_form_sent_again_while_the_first_still_runs_on_another_host_gets_a_page_saying_it_is_being_handled(
        string culture, string language, string title, string text, string reloadHint, string back)
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = await SignedInBrowserAsync(host, culture);
        var form = await RaiseForm.FilledAsync(browser);
        using var first = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var answer = await host.WithDatabaseAsync(db => db.Set<IdempotentRequest>().AsNoTracking().SingleAsync());
        await HoldAsRunningOnAnotherHostAsync(host);

        using var again = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("text/html", again.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(text, html, StringComparison.Ordinal);
        Assert.Contains(reloadHint, html, StringComparison.Ordinal);
        Assert.Equal(RaisePage, BackLink(html, back));
        Assert.Equal(1, await ConcernCountAsync(host));

        // Once the first has recorded its answer, the reload the page suggests lands where the first went.
        await host.WithDatabaseAsync(db => db.Set<IdempotentRequest>().ExecuteUpdateAsync(s => s
            .SetProperty(r => r.CompletedAt, answer.CompletedAt).SetProperty(r => r.StatusCode, answer.StatusCode)
            .SetProperty(r => r.Location, answer.Location).SetProperty(r => r.ContentType, answer.ContentType).SetProperty(r => r.Body, answer.Body)));
        using var reloaded = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, reloaded.StatusCode);
        Assert.Equal(first.Headers.Location, reloaded.Headers.Location);
        Assert.Equal(1, await ConcernCountAsync(host));
    }

    [Fact]
    public async Task While_a_request_still_runs_on_another_host_a_page_form_gets_the_page_and_an_API_client_problem_details()
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = await SignedInBrowserAsync(host, "sv-SE");
        var form = await RaiseForm.FilledAsync(browser);
        using (var first = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(form)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var users = new ApiUsers(host);
        var key = Guid.NewGuid().ToString();
        using (var first = await SendToApiAsync(users, key))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await HoldAsRunningOnAnotherHostAsync(host);

        using var page = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("<h1>Formuläret har redan skickats och behandlas</h1>", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var api = await SendToApiAsync(users, key);
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(1), api.Headers.RetryAfter?.Delta);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Request still running", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(IdempotentRequests.Header, out _));
        Assert.Equal(2, await ConcernCountAsync(host));
    }

    [Fact]
    public async Task A_form_sent_again_with_other_details_under_the_same_key_gets_a_page_saying_the_first_stands()
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = await SignedInBrowserAsync(host, "sv-SE");
        var form = await RaiseForm.FilledAsync(browser);
        using (var first = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(form)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // Back in the browser, the same form changed and sent again.
        var changed = form.Select(f => f.Key == "Input.Description" ? new KeyValuePair<string, string>(f.Key, "Absent all week.") : f).ToList();
        using var again = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(changed));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var html = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Formuläret har redan skickats med andra uppgifter</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Det du skickade nu har inte sparats.", html, StringComparison.Ordinal);
        Assert.Equal(RaisePage, BackLink(html, "Tillbaka till sidan du kom från"));
        Assert.Equal(1, await ConcernCountAsync(host));

        // The way back shows the form again, with a new key.
        using var shown = await browser.GetAsync(RaisePage);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task A_form_sent_again_after_the_users_access_changed_gets_a_page_saying_so()
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = await SignedInBrowserAsync(host, "en-GB");
        var form = await RaiseForm.FilledAsync(browser);
        using (var first = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(form)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The teacher's memberships change (a new security stamp); signed in again, the same form is sent again.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<CoordinationUser>>();
            Assert.True((await manager.UpdateSecurityStampAsync((await manager.FindByEmailAsync(Teacher))!)).Succeeded);
        }

        host.Clock.Advance(TimeSpan.FromHours(1));
        await SignInAsync(browser);
        using var again = await browser.PostAsync(RaisePage, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var html = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Your access has changed since the form was sent</h1>", html, StringComparison.Ordinal);
        Assert.Contains("check whether what you sent has already been done", html, StringComparison.Ordinal);
        Assert.Equal(RaisePage, BackLink(html, "Back to the page you came from"));
        Assert.Equal(1, await ConcernCountAsync(host));
    }

    private static async Task<HttpResponseMessage> SendToApiAsync(ApiUsers users, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/concerns") { Content = JsonContent.Create(ConcernRequests.Concern()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await users.TokenAsync(Teacher));
        request.Headers.TryAddWithoutValidation(IdempotentRequests.Header, key);
        return await users.Client.SendAsync(request);
    }
}
