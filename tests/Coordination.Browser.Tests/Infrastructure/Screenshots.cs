using Coordination.Testing;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Infrastructure;

/// <summary>End-state screenshots of journeys, in TestResults/screenshots (deploy/test.sh keeps them with the results).</summary>
public static class Screenshots
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("COORDINATION_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(TestEnvironment.RepositoryRoot, "TestResults", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
