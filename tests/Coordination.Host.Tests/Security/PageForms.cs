using System.Net;
using System.Text.RegularExpressions;
using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Security;

/// <summary>Posts a page's form as a browser does: the antiforgery token read from the page first.</summary>
internal static partial class PageForms
{
    /// <summary>The antiforgery token of the first form on the page; the client keeps its cookie.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page}: {(int)response.StatusCode}{UnhandledExceptionHeader.Of(response)}");
        return AntiforgeryToken().Match(html) is { Success: true } match
            ? match.Groups["token"].Value
            : throw new InvalidOperationException($"{page} has no form with an antiforgery token.");
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string address, string antiforgeryToken, IEnumerable<KeyValuePair<string, string>> fields, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgeryToken), .. fields]),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The address the layout's language switch on a page returns to, read from the page's HTML (decoded).</summary>
    public static string LanguageSwitchReturnUrl(string html) =>
        LanguageSwitchReturn().Match(html) is { Success: true } match
            ? match.Groups["value"].Value
            : throw new InvalidOperationException("The page has no language switch.");

    /// <summary>
    /// Presses the layout's language switch on a page (its HTML, decoded) as a browser does, and
    /// opens the page it returns to; the client must not follow redirects by itself.
    /// </summary>
    public static async Task<HttpResponseMessage> SwitchLanguageAsync(HttpClient client, string html)
    {
        var culture = LanguageSwitchCulture().Match(html).Groups["value"].Value;
        var token = AntiforgeryToken().Match(html).Groups["token"].Value;
        using var switched = await PostAsync(client, "/Account/Language", token, [new("culture", culture), new("returnUrl", LanguageSwitchReturnUrl(html))]);
        Assert.True(switched.StatusCode == HttpStatusCode.Redirect, $"The language switch answered {(int)switched.StatusCode}.");
        return await client.GetAsync(switched.Headers.Location);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"culture\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex LanguageSwitchCulture();

    [GeneratedRegex("name=\"returnUrl\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex LanguageSwitchReturn();
}
