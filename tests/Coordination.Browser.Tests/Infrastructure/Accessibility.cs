using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Infrastructure;

/// <summary>axe-core on the page as it is now: any serious or critical violation fails the test, listed.</summary>
public static class Accessibility
{
    private static readonly string[] Failing = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var failing = result.Violations.Where(v => Failing.Contains(v.Impact)).ToList();
        if (failing.Count > 0)
        {
            var lines = failing.Select(v =>
                $"  [{v.Impact}] {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
            Assert.Fail($"axe-core found {failing.Count} serious/critical violation(s) on {where} ({page.Url}):\n{string.Join('\n', lines)}");
        }
    }
}
