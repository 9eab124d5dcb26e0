using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Infrastructure;

/// <summary>One Chromium for a test class; each test opens its own host and browser contexts.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => (playwright, Browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
    }
}
