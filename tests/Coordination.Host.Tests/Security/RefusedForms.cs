using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Coordination.Host.Tests.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Requests;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// A teacher's browser sending the raise form again, the ways its idempotency key refuses it, and
/// what to read off the status page it is then shown.
/// </summary>
internal static class RefusedForms
{
    public const string Teacher = CaseJourney.Teacher;

    /// <summary>A browser (cookies kept, redirects not followed) signed in as the teacher, with the language chosen on the page.</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(SecurityHost host, string culture)
    {
        var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        await SignInAsync(browser);
        var token = await PageForms.AntiforgeryTokenAsync(browser, RaiseForm.Page);
        using var chosen = await PageForms.PostAsync(browser, "/Account/Language", token, [new("culture", culture), new("returnUrl", RaiseForm.Page)]);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        return browser;
    }

    public static async Task SignInAsync(HttpClient browser)
    {
        using var signIn = await browser.PostAsJsonAsync("/api/auth/signin", new { email = Teacher, password = ApiUsers.Password });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
    }

    /// <summary>
    /// Makes every recorded request look as the middleware leaves it while the request runs: no
    /// answer yet. A repeat on this host then finds it as it would one running on another host.
    /// </summary>
    public static Task<int> HoldAsRunningOnAnotherHostAsync(SecurityHost host) =>
        host.WithDatabaseAsync(db => db.Set<IdempotentRequest>().ExecuteUpdateAsync(s => s
            .SetProperty(r => r.CompletedAt, (DateTimeOffset?)null).SetProperty(r => r.StatusCode, (int?)null)
            .SetProperty(r => r.Location, (string?)null).SetProperty(r => r.ContentType, (string?)null).SetProperty(r => r.Body, (byte[]?)null)));

    /// <summary>Where the link with <paramref name="text"/> leads; fails if the page has none.</summary>
    public static string BackLink(string html, string text)
    {
        var link = Regex.Match(html, $"<a href=\"(?<href>[^\"]*)\">{Regex.Escape(text)}</a>");
        Assert.True(link.Success, $"No link \"{text}\" on the page.");
        return link.Groups["href"].Value;
    }

    public static Task<int> ConcernCountAsync(SecurityHost host) => host.WithDatabaseAsync(db => db.Set<Concern>().CountAsync());
}
