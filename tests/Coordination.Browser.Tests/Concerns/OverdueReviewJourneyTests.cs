using System.Text.RegularExpressions;
using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

public sealed class OverdueReviewJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Goals = ["Alva går i skolan varje dag"];

    [Fact]
    public async Task Manager_finds_an_overdue_review_in_the_dashboard_and_gives_it_to_a_colleague()
    {
        await using var host = await BrowserHost.StartAsync("browser-overdue-review");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);
        await Scenario.ShareWithPoliceAndSchoolAsync(api, concernId, "2026-11-20");
        var plan = await api.PostAsync(Scenario.Coordinator, $"/api/concerns/{concernId}/plan", new
        {
            goals = Goals,
            actions = new object[] { new { what = "Ungdomspolisen träffar Alva och hennes mamma", agency = "Police", byDate = "2026-12-11" } },
        });
        var reviewDue = plan.GetProperty("reviewDue").GetDateTimeOffset();
        await api.WaitForAsync(Scenario.Coordinator, $"/api/concerns/{concernId}", c => Scenario.HasReview(c, "Scheduled"), "the first review to be scheduled");

        // Six months pass without the review being held.
        host.Clock.AdvanceTo(reviewDue + TimeSpan.FromHours(1));
        await api.WaitForAsync(Scenario.Coordinator, $"/api/concerns/{concernId}", c => Scenario.HasReview(c, "Overdue"), "the review to become overdue");

        await using var manager = await BrowserUser.OpenAsync(browser.Browser, host);
        await manager.SignInAsync(Scenario.SocialManager);
        await manager.Page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Översikt för chefer" }).ClickAsync();
        await manager.CheckInBothLanguagesAsync("manager dashboard");

        var page = manager.Page;
        var review = page.Locator("#overdue-reviews tbody tr", new() { HasText = "Uppföljning 1" });
        Assert.Equal("Ingen tilldelad", (await review.Locator(".review-owner").InnerTextAsync()).Trim());
        var counts = await page.Locator("#overdue-counts").InnerTextAsync();
        Assert.Contains("Socialtjänsten", counts, StringComparison.Ordinal);

        // The counts over time show the review overdue in the last week.
        Assert.True(await page.Locator("svg#overdue-chart").IsVisibleAsync());

        var colleague = "Socialtjänsten Staff (Älvby kommun (demo))";
        await review.GetByLabel("Ge uppföljningen till").SelectOptionAsync(new SelectOptionValue { Label = colleague });
        await review.GetByRole(AriaRole.Button, new() { Name = "Omfördela" }).ClickAsync();
        await page.GetByText("Uppföljningen är omfördelad.").WaitForAsync();

        // The review's state machine records the new owner asynchronously.
        var newOwner = review.Locator(".review-owner", new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(colleague)}\s*$") });
        await manager.ReloadUntilShownAsync(newOwner, "The review's new owner in the dashboard");

        await manager.CheckInBothLanguagesAsync("manager dashboard after reassigning");
        var chronology = await api.GetAsync(Scenario.Coordinator, $"/api/concerns/{concernId}/chronology");
        Assert.Contains(chronology.EnumerateArray(), e => e.GetProperty("kind").GetString() == "ReviewReassigned");

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ner CSV" }).ClickAsync());
        var csvText = await File.ReadAllTextAsync(await csv.PathAsync());
        Assert.Contains("Uppföljning 1", csvText, StringComparison.Ordinal);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ner Excel" }).ClickAsync());
        Assert.True(new FileInfo(await xlsx.PathAsync()).Length > 0);

        await manager.ScreenshotAsync("journey-3-manager-reassigned-overdue-review");
    }

}
