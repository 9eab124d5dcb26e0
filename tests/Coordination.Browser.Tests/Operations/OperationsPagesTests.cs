using Coordination.Browser.Tests.Infrastructure;
using Coordination.Browser.Tests.Inspections;
using Coordination.Testing;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Operations;

public sealed class OperationsPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_sees_incidents_reminders_and_a_workflow_diagram_as_text()
    {
        await using var host = await BrowserHost.StartAsync("browser-operations");
        await using var admin = await BrowserUser.OpenAsync(browser.Browser, host);
        await using (var officer = await BrowserUser.OpenAsync(browser.Browser, host))
        {
            // A planned round asks the police to take part: its reminder is a timer of the scheduler.
            await officer.SignInAsync("licensing.staff@alvby.demo");
            await RoundSteps.PlanRoundAsync(officer, "Krogen Älven", "556677-8899");
        }

        await admin.SignInAsync("police.administrator@alvby.demo");
        await admin.VisitAsync("/Operations", "operations start page");
        await admin.VisitAsync("/Operations/Incidents", "incidents");
        await Poll.UntilAsync(
            async () =>
            {
                await admin.Page.GotoAsync("/Operations/Reminders");
                return await admin.Page.GetByRole(AriaRole.Cell, new() { Name = "Påminnelse om svar på deltagande i tillsynsrunda" }).CountAsync() > 0;
            },
            TimeSpan.FromSeconds(60),
            "the participation reminder among the scheduler's upcoming timers");
        await admin.CheckInBothLanguagesAsync("reminders");
        await admin.ScreenshotAsync("operations-reminders");
        await admin.VisitAsync("/Operations/Workflows", "workflows");

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "ProtocolStateMachine" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Heading, new() { Name = "ProtocolStateMachine" }).WaitForAsync();
        Assert.Contains("stateDiagram", await admin.Page.Locator("pre.diagram").InnerTextAsync(), StringComparison.Ordinal);
        await admin.CheckInBothLanguagesAsync("workflow diagram");
        await admin.ScreenshotAsync("operations-workflow-diagram");
    }
}
