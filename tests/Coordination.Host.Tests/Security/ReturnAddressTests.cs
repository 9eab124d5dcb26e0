using System.Net;
using Coordination.Host.Tests.Infrastructure;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// The address a form returns to after the language switch or the sign-in comes from the page's
/// address, which anyone can write: one with a control character (a tab, a line break, a C1
/// character) leads to the start page. It was redirected to as it was, which ASP.NET Core refuses
/// with an exception, and the form answered 500.
/// </summary>
public sealed class ReturnAddressTests
{
    [Theory]
    [InlineData("/Tasks\tx")]
    [InlineData("/Tasks\n")]
    [InlineData("/Tasks\r\n")]
    [InlineData("/Tasks\u0085")]
    public async Task The_language_switch_returning_to_an_address_with_a_control_character_leads_to_the_start_page(string returnUrl)
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        var token = await PageForms.AntiforgeryTokenAsync(browser, "/Account/SignIn");

        using var switched = await PageForms.PostAsync(browser, "/Account/Language", token, [new("culture", "en"), new("returnUrl", returnUrl)]);

        Assert.True(switched.StatusCode == HttpStatusCode.Redirect, $"{(int)switched.StatusCode}{UnhandledExceptionHeader.Of(switched)}");
        Assert.Equal("/", switched.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_in_from_an_address_whose_way_back_ends_in_a_line_break_leads_to_the_start_page()
    {
        await using var host = SecurityHost.OnSqlite();
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        var token = await PageForms.AntiforgeryTokenAsync(browser, "/Account/SignIn?ReturnUrl=%2FTasks%0A");

        using var signedIn = await PageForms.PostAsync(
            browser, "/Account/SignIn?ReturnUrl=%2FTasks%0A", token,
            [new("Input.Email", SecurityWorld.Teacher), new("Input.Password", ApiUsers.Password), new("ReturnUrl", "/Tasks\n")]);

        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signedIn.StatusCode}{UnhandledExceptionHeader.Of(signedIn)}");
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        using var me = await browser.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
