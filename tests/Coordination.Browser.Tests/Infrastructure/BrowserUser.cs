using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Infrastructure;

/// <summary>
/// One person in their own browser context (own cookies): signs in through the sign-in page,
/// and checks every page they visit with axe-core in Swedish and in English.
/// </summary>
public sealed class BrowserUser : IAsyncDisposable
{
    public const string DemoPassword = "Demo-Samverkan-2026!";
    private const string CultureCookie = ".AspNetCore.Culture";

    private readonly BrowserHost host;
    private readonly IBrowserContext context;

    private BrowserUser(BrowserHost host, IBrowserContext context, IPage page)
    {
        this.host = host;
        this.context = context;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<BrowserUser> OpenAsync(IBrowser browser, BrowserHost host, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Generous: CI runs the browser tests beside every other test assembly on two cores. At
        // 30 s a sign-in in the first seconds of a full run (every assembly starting its hosts at
        // once) once waited out its redirect; a wait that would never end fails after 60 s instead.
        context.SetDefaultTimeout(60_000);
        return new BrowserUser(host, context, await context.NewPageAsync());
    }

    /// <summary>Signs in through the form (Swedish, the default), checking the sign-in page on the way.</summary>
    public async Task SignInAsync(string email, string password = DemoPassword)
    {
        await VisitAsync("/Account/SignIn", "sign-in page");
        await Page.GetByLabel("E-postadress").FillAsync(email);
        await Page.GetByLabel("Lösenord").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).WaitForAsync();
    }

    /// <summary>Opens a page with GET and checks it with axe in Swedish and in English; leaves it in Swedish.</summary>
    public async Task VisitAsync(string path, string what)
    {
        await Page.GotoAsync(path);
        await CheckInBothLanguagesAsync(what);
    }

    /// <summary>Checks the page now shown (reached by GET) in Swedish and English; leaves it in Swedish.</summary>
    public async Task CheckInBothLanguagesAsync(string what)
    {
        await SetLanguageAsync("en-GB");
        await Page.ReloadAsync();
        await AssertLanguageAsync("en");
        await Accessibility.AssertNoSeriousViolationsAsync(Page, what + " (English)");
        await SetLanguageAsync("sv-SE");
        await Page.ReloadAsync();
        await AssertLanguageAsync("sv");
        await Accessibility.AssertNoSeriousViolationsAsync(Page, what + " (Swedish)");
    }

    /// <summary>Checks the page as it is, in its current language (for the answer to a form post, which cannot be reloaded).</summary>
    public Task CheckAsync(string what) => Accessibility.AssertNoSeriousViolationsAsync(Page, what);

    /// <summary>
    /// Reloads the page until <paramref name="target"/> is on it: for what a workflow adds a moment
    /// after the page was drawn. Fails naming <paramref name="what"/> after 30 s.
    /// </summary>
    public async Task ReloadUntilShownAsync(ILocator target, string what)
    {
        ArgumentNullException.ThrowIfNull(target);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await target.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not appear within 30 s.");
            await Task.Delay(250);
            await Page.ReloadAsync();
        }
    }

    public async Task SetLanguageAsync(string culture) =>
        await context.AddCookiesAsync([new Cookie
        {
            Name = CultureCookie,
            Value = Uri.EscapeDataString($"c={culture}|uic={culture}"),
            Domain = host.BaseAddress.Host,
            Path = "/",
        }]);

    public Task<string> ScreenshotAsync(string name) => Screenshots.SaveAsync(Page, name);

    private async Task AssertLanguageAsync(string expected)
    {
        var lang = await Page.Locator("html").GetAttributeAsync("lang");
        Assert.True(lang == expected, $"Expected <html lang=\"{expected}\"> on {Page.Url}, found \"{lang}\".");
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
