using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Dashboard;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.FollowUp;

/// <summary>The half-year follow-up page and its export, as a manager reads and downloads them.</summary>
public sealed class FollowUpPageTests
{
    private static readonly string[] ServingAndCatering = ["AlcoholToPublic", "Catering"];
    private static readonly string[] ResponsiblePersons = ["Anna Andersson"];

    /// <summary>
    /// The figures per month were drawn only in the chart: a screen-reader user could not read
    /// them, and the export, which the chart's description pointed to, did not hold them.
    /// </summary>
    [Fact]
    public async Task The_monthly_figures_of_the_chart_are_in_a_table_on_the_page_and_in_the_export()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        await users.WaitForTaskAsync(Police, id, "JointWork");
        using var manager = await InspectionsClient.BrowserAsync(host, SocialManager);

        var page = await DashboardPage.ReadAsync(manager, "/Dashboard/FollowUp");
        var months = DashboardPage.Rows(page, "follow-up-months");
        Assert.Equal(["juli 2026", "augusti 2026", "september 2026", "oktober 2026", "november 2026", "december 2026"], months.Select(m => m.Header));
        Assert.Equal([1, 1, 0], months.Single(m => m.Header == "november 2026").Cells);
        Assert.Equal([0, 0, 0], months.Single(m => m.Header == "december 2026").Cells);

        var csv = await DashboardPage.DownloadAsync(manager, "/Dashboard/FollowUp?handler=Csv");
        Assert.Contains("Älvby kommun (demo);2026-H2;Per månad;2026-11: Anmälda;1", csv, StringComparison.Ordinal);
        Assert.Contains("Älvby kommun (demo);2026-H2;Per månad;2026-11: Erbjudna uppgifter;1", csv, StringComparison.Ordinal);
        Assert.Contains("Älvby kommun (demo);2026-H2;Per månad;2026-11: Tillsynsbesök;0", csv, StringComparison.Ordinal);
    }

    /// <summary>
    /// A period outside the last four half-years (an edited or old address) showed the current
    /// half-year's figures, with nothing saying they were not the ones asked for.
    /// </summary>
    [Fact]
    public async Task A_period_outside_the_last_four_half_years_is_refused_at_its_field_and_no_figures_are_shown()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        await users.RaiseAsync();
        using var manager = await InspectionsClient.BrowserAsync(host, SocialManager);
        const string Refusal = "Halvåret går inte att välja: välj ett av de fyra senaste halvåren, från 2025 januari–juni till 2026 juli–december.";

        var page = await DashboardPage.ReadAsync(manager, "/Dashboard/FollowUp?Period=2024-H1");
        Assert.Contains($"<a href=\"#Period\">{Refusal}</a>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"Period-error\"", page, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"Period-error\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("section-Concerns", page, StringComparison.Ordinal);

        using var csv = await manager.GetAsync(new Uri("/Dashboard/FollowUp?handler=Csv&Period=nonsense", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal("application/problem+json", csv.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(await csv.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Refusal, problem.GetProperty("errors").GetProperty("Period")[0].GetString());

        Assert.Equal(1, DashboardPage.Rows(await DashboardPage.ReadAsync(manager, "/Dashboard/FollowUp?Period=2026-H2"), "section-Concerns").Single(r => r.Header == "Anmälda").Cells[0]);
    }

    /// <summary>
    /// The checklists of the three alcohol licences share their items' texts, so remarks on the
    /// same item of two licence kinds read as two rows of the same label, on the page and in the export.
    /// </summary>
    [Fact]
    public async Task Remarks_on_the_same_item_of_two_licence_kinds_are_told_apart_by_the_licence_kind()
    {
        await using var scenario = await InspectionScenario.StartAsync(Infrastructure.HostBackend.SqliteInMemory);
        var venue = await scenario.Officer.PostJsonAsync("/api/inspections/venues", new
        {
            municipalityId = scenario.MunicipalityId,
            name = "Krogen och Catering",
            licenseeName = "Krogen och Catering AB",
            organisationNumber = "556016-0680",
            address = "Storgatan 1",
            postalTown = "Älvby",
            licenceKinds = ServingAndCatering,
            servingFrom = "11:00",
            servingUntil = "02:00",
            responsiblePersons = ResponsiblePersons,
            hasDancing = false,
            hasYoungCrowd = false,
            complaints = 0,
        }, System.Net.HttpStatusCode.Created);
        var venueId = venue.GetProperty("id").GetGuid();
        var round = await scenario.AcceptedRoundAsync(venueId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using (var visited = await scenario.RecordVisitAsync(round, venueId,
            InspectionScenario.Item("serving.cooked-food", "Remark", "No kitchen open."),
            InspectionScenario.Item("catering.cooked-food", "Remark", "No food at the event.")))
        {
            await InspectionsClient.ReadAsync(visited, System.Net.HttpStatusCode.Created);
        }

        using var manager = await InspectionsClient.BrowserAsync(scenario.Host, "licensing.manager@alvby.demo");
        var page = await DashboardPage.ReadAsync(manager, "/Dashboard/FollowUp");
        var remarks = DashboardPage.Rows(page, "section-RemarksByKind");
        Assert.Equal(
            ["Catering: Lagad mat finns", "Servering till allmänheten: Lagad mat finns"],
            remarks.Select(r => r.Header).Order(StringComparer.Ordinal));

        var csv = await DashboardPage.DownloadAsync(manager, "/Dashboard/FollowUp?handler=Csv");
        Assert.Contains(";Anmärkningar per kontrollpunkt;Catering: Lagad mat finns;1", csv, StringComparison.Ordinal);
        Assert.Contains(";Anmärkningar per kontrollpunkt;Servering till allmänheten: Lagad mat finns;1", csv, StringComparison.Ordinal);
    }
}
