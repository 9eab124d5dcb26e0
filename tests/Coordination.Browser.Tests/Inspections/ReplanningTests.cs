using Coordination.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coordination.Browser.Tests.Inspections;

public sealed class ReplanningTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Police_decline_with_a_reason_and_the_officer_plans_the_round_for_another_evening()
    {
        await using var host = await BrowserHost.StartAsync("browser-replanning");
        await using var officer = await BrowserUser.OpenAsync(browser.Browser, host);
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host, 820, 1180);
        await officer.SignInAsync("licensing.staff@alvby.demo");
        await police.SignInAsync("police.staff@alvby.demo");
        var roundUrl = await RoundSteps.PlanRoundAsync(officer, "Puben Hamnen", "556123-4567");

        await police.VisitAsync(roundUrl, "round as the police see it");
        await police.Page.GetByRole(AriaRole.Button, new() { Name = "Avböj" }).ClickAsync();
        var reasonError = police.Page.Locator("#Answer_Reason-error");
        await reasonError.WaitForAsync();
        Assert.Contains("varför", await reasonError.InnerTextAsync(), StringComparison.Ordinal);
        await police.CheckAsync("decline without a reason");
        await police.Page.GetByLabel("Skäl att avböja").FillAsync("Hela patrullen är på en insats den kvällen.");
        await police.Page.GetByRole(AriaRole.Button, new() { Name = "Avböj" }).ClickAsync();
        await police.Page.GetByText("Du har avböjt.").WaitForAsync();

        await officer.VisitAsync(roundUrl, "round the police declined");
        Assert.True(await officer.Page.GetByText("Behöver planeras om").IsVisibleAsync());
        Assert.True(await officer.Page.GetByRole(AriaRole.Cell, new() { Name = "Hela patrullen är på en insats den kvällen." }).IsVisibleAsync());
        await officer.Page.GetByLabel("Datum").FillAsync("2026-12-04");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Planera om och fråga deltagarna igen" }).ClickAsync();
        await officer.Page.GetByText("Rundan är planerad.").WaitForAsync();
        Assert.True(await officer.Page.GetByRole(AriaRole.Heading, new() { Name = "Tillsynsrunda 2026-12-04" }).IsVisibleAsync());
        Assert.Equal(1, await officer.Page.GetByRole(AriaRole.Cell, new() { Name = "Väntar på svar" }).CountAsync());
        await officer.CheckInBothLanguagesAsync("round planned again");
        await officer.ScreenshotAsync("inspections-round-planned-again");
    }

    [Fact]
    public async Task After_the_police_decline_the_officer_goes_ahead_without_them_and_says_why()
    {
        await using var host = await BrowserHost.StartAsync("browser-without-police");
        await using var officer = await BrowserUser.OpenAsync(browser.Browser, host);
        await using var police = await BrowserUser.OpenAsync(browser.Browser, host, 820, 1180);
        await officer.SignInAsync("licensing.staff@alvby.demo");
        await police.SignInAsync("police.staff@alvby.demo");
        var roundUrl = await RoundSteps.PlanRoundAsync(officer, "Krogen Torget", "556016-0680");
        await police.VisitAsync(roundUrl, "round as the police see it");
        await police.Page.GetByLabel("Skäl att avböja").FillAsync("Ingen patrull är ledig den kvällen.");
        await police.Page.GetByRole(AriaRole.Button, new() { Name = "Avböj" }).ClickAsync();
        await police.Page.GetByText("Du har avböjt.").WaitForAsync();

        await officer.VisitAsync(roundUrl, "round the police declined");
        Assert.Equal(0, await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Fyll i checklistan Krogen Torget" }).CountAsync());
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Genomför utan polis" }).ClickAsync();
        var reasonError = officer.Page.Locator("#WithoutPolice_Reason-error");
        await reasonError.WaitForAsync();
        await officer.Page.GetByLabel("Varför rundan genomförs utan polis").FillAsync("Lokalen har många unga gäster på fredagar; vi går med räddningstjänsten.");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Genomför utan polis" }).ClickAsync();

        await officer.Page.GetByText("Lokalen har många unga gäster på fredagar; vi går med räddningstjänsten.").WaitForAsync();
        Assert.True(await officer.Page.GetByText("Bekräftad").First.IsVisibleAsync());
        Assert.True(await officer.Page.GetByRole(AriaRole.Link, new() { Name = "Fyll i checklistan Krogen Torget" }).IsVisibleAsync());
        Assert.Equal(0, await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Genomför utan polis" }).CountAsync());
        await officer.CheckInBothLanguagesAsync("round without the police");
    }
}
