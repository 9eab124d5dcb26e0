using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Operations;

public sealed class OperationsPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_sees_incidents_reminders_and_a_workflow_diagram_as_text()
    {
        await using var host = await BrowserHost.StartAsync("browser-operations");
        await using var admin = await BrowserUser.OpenAsync(browser.Browser, host);
        await admin.SignInAsync("police.administrator@alvby.demo");
        await admin.VisitAsync("/Operations", "operations start page");
        await admin.VisitAsync("/Operations/Incidents", "incidents");
        await admin.VisitAsync("/Operations/Reminders", "reminders");
        await admin.VisitAsync("/Operations/Workflows", "workflows");

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "ProtocolStateMachine" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Heading, new() { Name = "ProtocolStateMachine" }).WaitForAsync();
        Assert.Contains("stateDiagram", await admin.Page.Locator("pre.diagram").InnerTextAsync(), StringComparison.Ordinal);
        await admin.CheckInBothLanguagesAsync("workflow diagram");
        await admin.ScreenshotAsync("operations-workflow-diagram");
    }
}
