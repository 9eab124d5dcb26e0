using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Concerns;

/// <summary>
/// Social services take the concern's legal steps in the case view: the protective assessment
/// (from the task in their queue, which has no "done" button of its own), the preliminary
/// assessment, the feedback the decision calls for, and closing with an outcome. A step sent
/// without its answer is refused at its field.
/// </summary>
public sealed class SocialServicesStepsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Reception = "social.staff@alvby.demo";

    [Fact]
    public async Task Social_services_record_the_assessments_give_feedback_and_close_the_case_in_the_case_view()
    {
        await using var host = await BrowserHost.StartAsync("browser-social-steps");
        using var api = new ApiClient(host);
        var concernId = await Scenario.RaiseConcernAsync(api);
        await api.WaitForAsync(Reception, $"/api/concerns/{concernId}", c => c.GetProperty("tasks").GetArrayLength() > 0 && c.GetProperty("status").GetString() == "AwaitingProtectiveAssessment", "the protective-assessment task and the concern registered");

        await using var reception = await BrowserUser.OpenAsync(browser.Browser, host);
        await reception.SignInAsync(Reception);
        await reception.VisitAsync("/Tasks", "task lists with a protective assessment");
        var page = reception.Page;
        var row = page.Locator($"tr[data-task-id]", new() { HasText = "Skyddsbedömning" }).First;
        Assert.Equal(0, await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Klar") }).CountAsync());
        await row.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Gör det i ärendet") }).ClickAsync();
        await page.WaitForURLAsync($"**/Concerns/Case/{concernId}#steps-heading", new() { WaitUntil = WaitUntilState.Commit });

        // Sent without an answer: refused at the question, nothing recorded.
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera skyddsbedömningen" }).ClickAsync();
        await page.Locator("#protection-error").WaitForAsync();
        Assert.Contains("Välj ja eller nej.", await page.Locator("#protection-error").InnerTextAsync(), StringComparison.Ordinal);
        await reception.CheckInBothLanguagesAsync("case view with a step refused");

        await page.GetByLabel("Nej, inget omedelbart skyddsbehov").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera skyddsbedömningen" }).ClickAsync();
        await page.GetByText("Skyddsbedömningen är registrerad.").WaitForAsync();
        await Poll(api, concernId, c => c.GetProperty("protectiveAssessmentDoneAt").ValueKind != System.Text.Json.JsonValueKind.Null, "the protective assessment recorded");
        var tasks = await api.WaitForAsync(Reception, $"/api/concerns/{concernId}", c => c.GetProperty("tasks").EnumerateArray().All(t => t.GetProperty("state").GetString() == "Completed"), "the protective-assessment task completed by the step");
        Assert.Single(tasks.GetProperty("tasks").EnumerateArray());

        await page.ReloadAsync();
        await page.GetByLabel("Ja, utredning inleds").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera beslutet" }).ClickAsync();
        await page.GetByText("Beslutet är registrerat.").WaitForAsync();
        await Poll(api, concernId, c => c.GetProperty("preliminaryDecision").GetString() == "Opened", "the decision recorded");

        await page.ReloadAsync();
        Assert.True(await page.GetByText("Utredning inledd", new() { Exact = true }).IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Ge återkoppling till anmälaren" }).ClickAsync();
        await page.GetByText("Återkopplingen är given.").WaitForAsync();
        await Poll(api, concernId, c => c.GetProperty("feedback").GetString() == "InvestigationOpened", "the feedback given");

        // Closing needs an outcome: refused at the field, then closed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Avsluta ärendet" }).ClickAsync();
        await page.Locator("#CloseOutcome-error").WaitForAsync();
        await page.GetByLabel("Utfall").FillAsync("Utredningen pågår inom socialtjänsten; samverkan behövs inte.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avsluta ärendet" }).ClickAsync();
        await page.GetByText("Ärendet är avslutat.").WaitForAsync();
        await Poll(api, concernId, c => c.GetProperty("status").GetString() == "Closed", "the case closed");

        // The chronology names each step in Swedish.
        await page.ReloadAsync();
        foreach (var step in new[] { "Skyddsbedömning gjord", "Förhandsbedömning beslutad", "Återkoppling till anmälaren", "Ärendet avslutat" })
        {
            Assert.True(await page.Locator("ol.timeline").GetByText(step).CountAsync() > 0, $"The chronology does not show \"{step}\".");
        }

        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Avsluta ärendet" }).CountAsync());
        await reception.CheckInBothLanguagesAsync("closed case view");
        await reception.ScreenshotAsync("case-view-social-services-steps");
    }

    private static Task<System.Text.Json.JsonElement> Poll(ApiClient api, Guid concernId, Func<System.Text.Json.JsonElement, bool> condition, string what) =>
        api.WaitForAsync(Reception, $"/api/concerns/{concernId}", condition, what);
}
