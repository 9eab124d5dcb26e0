using System.Net;
using Coordination.Workflows.Requests;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Security.RefusedForms;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The language switch on a status page shows the same page in the other language: the same
/// status code, the same reason and the same way back, without sending the failed form again.
/// The reason rides in the status page's own address, so an address written by anyone shows at
/// most a known reason's fixed texts and a way back only to a page of this site.
/// </summary>
public sealed class StatusPageLanguageTests
{
    private const string SwedishBack = "Tillbaka till sidan du kom från";
    private const string EnglishBack = "Back to the page you came from";

    [Theory]
    [InlineData("StillRunning", HttpStatusCode.Conflict, "Formuläret har redan skickats och behandlas", "Your form has already been sent and is being handled")]
    [InlineData("OtherContent", HttpStatusCode.UnprocessableEntity, "Formuläret har redan skickats med andra uppgifter", "This form was already sent with other details")]
    public async Task A_refused_forms_page_switched_to_English_and_back_says_the_same_and_leads_back_to_the_form(
        string refusal, HttpStatusCode status, string swedishTitle, string englishTitle)
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = await SignedInBrowserAsync(host, "sv-SE");
        var form = await RaiseForm.FilledAsync(browser);
        using (var first = await browser.PostAsync(RaiseForm.Page, new FormUrlEncodedContent(form)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        if (refusal == "StillRunning")
        {
            await HoldAsRunningOnAnotherHostAsync(host);
        }
        else
        {
            form = [.. form.Select(f => f.Key == "Input.Description" ? new KeyValuePair<string, string>(f.Key, "Absent all week.") : f)];
        }

        using var refused = await browser.PostAsync(RaiseForm.Page, new FormUrlEncodedContent(form));
        Assert.Equal(status, refused.StatusCode);
        var swedish = await HtmlAsync(refused);
        Assert.Contains($"<h1>{swedishTitle}</h1>", swedish, StringComparison.Ordinal);

        using var inEnglish = await PageForms.SwitchLanguageAsync(browser, swedish);

        Assert.Equal(status, inEnglish.StatusCode);
        var english = await HtmlAsync(inEnglish);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains($"<h1>{englishTitle}</h1>", english, StringComparison.Ordinal);
        Assert.Equal(RaiseForm.Page, BackLink(english, EnglishBack));
        // Reloading this page shows it again, not the form's result: no hint to reload it.
        Assert.DoesNotContain("reload this page", english, StringComparison.Ordinal);

        using var backInSwedish = await PageForms.SwitchLanguageAsync(browser, english);

        Assert.Equal(status, backInSwedish.StatusCode);
        var swedishAgain = await HtmlAsync(backInSwedish);
        Assert.Contains("<html lang=\"sv\">", swedishAgain, StringComparison.Ordinal);
        Assert.Contains($"<h1>{swedishTitle}</h1>", swedishAgain, StringComparison.Ordinal);
        Assert.Equal(RaiseForm.Page, BackLink(swedishAgain, SwedishBack));

        // Neither switch sent the form again: one concern, and a first sending held as running is still held so.
        Assert.Equal(1, await ConcernCountAsync(host));
        Assert.Equal(refusal == "StillRunning", await host.WithDatabaseAsync(db => db.Set<IdempotentRequest>().AnyAsync(r => r.CompletedAt == null)));
    }

    [Fact]
    public async Task A_not_found_page_switched_to_English_is_still_not_found()
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = await SignedInBrowserAsync(host, "sv-SE");
        using var notFound = await browser.GetAsync(new Uri($"/Concerns/Case/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var swedish = await HtmlAsync(notFound);
        Assert.Equal("/Status/404", PageForms.LanguageSwitchReturnUrl(swedish));

        using var inEnglish = await PageForms.SwitchLanguageAsync(browser, swedish);

        Assert.Equal(HttpStatusCode.NotFound, inEnglish.StatusCode);
        var english = await HtmlAsync(inEnglish);
        Assert.Contains("<h1>Page not found</h1>", english, StringComparison.Ordinal);
        Assert.DoesNotContain(EnglishBack, english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Repeat.Unknown")]
    [InlineData("Forbidden")]
    [InlineData("NotFound")]
    [InlineData("Status.Repeat.StillRunning")]
    public async Task A_reason_in_the_address_that_is_no_known_reason_shows_the_codes_own_page(string reason)
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = await SignedInBrowserAsync(host, "sv-SE");

        using var shown = await browser.GetAsync(new Uri($"/Status/409?reason={Uri.EscapeDataString(reason)}&returnPath=%2FConcerns%2FRaise", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, shown.StatusCode);
        var html = await HtmlAsync(shown);
        Assert.Contains("<h1>Något gick fel</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SwedishBack, html, StringComparison.Ordinal);
        Assert.Equal("/Status/409", PageForms.LanguageSwitchReturnUrl(html));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("javascript:alert('evil.example')")]
    [InlineData("evil.example")]
    [InlineData("~/evil.example")]
    public async Task A_way_back_in_the_address_to_anything_but_a_page_of_this_site_is_not_shown(string returnPath)
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = await SignedInBrowserAsync(host, "sv-SE");

        using var shown = await browser.GetAsync(new Uri($"/Status/409?reason=Repeat.StillRunning&returnPath={Uri.EscapeDataString(returnPath)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, shown.StatusCode);
        var html = await HtmlAsync(shown);
        Assert.Contains("<h1>Formuläret har redan skickats och behandlas</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SwedishBack, html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Equal("/Status/409?reason=Repeat.StillRunning", PageForms.LanguageSwitchReturnUrl(html));
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
