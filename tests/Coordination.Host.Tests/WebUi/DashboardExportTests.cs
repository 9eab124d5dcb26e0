using System.Net;
using System.Text;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Dashboard;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Host.WebUi;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// The dashboard's CSV holds text anyone with a venue to register can write: an overdue protocol's
/// task is titled with the venue's name. The export guarded only a value's first character and
/// quoted only values with its semicolon, so Excel where the list separator is the comma split
/// "Bar,=1+1" and ran "=1+1" as a formula. Now it is written as the audit log's export is
/// (SpreadsheetText): no piece of a line starts like a formula, wherever a spreadsheet splits it.
/// </summary>
public sealed class DashboardExportTests
{
    private const string Venue = "Bar,=1+1;@SUM(A1)\"-2+3, +4";

    [Fact]
    public async Task An_overdue_task_titled_with_a_venue_name_written_as_formulas_exports_as_text_wherever_a_spreadsheet_splits_the_line()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync(Venue, "556016-0680");
        var roundId = await scenario.AcceptedRoundAsync(venueId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using var recorded = await scenario.RecordVisitAsync(roundId, venueId, Item("serving.order-and-sobriety", "Ok"));
        var protocolDue = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("protocolDueAt").GetDateTimeOffset();
        scenario.Host.Clock.AdvanceTo(protocolDue.AddDays(1));
        using var manager = await InspectionsClient.BrowserAsync(scenario.Host, "licensing.manager@alvby.demo");

        using var export = await manager.GetAsync(new Uri("/Dashboard?handler=Csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync());
        Assert.Contains("Bar,", csv, StringComparison.Ordinal);

        // Excel splits at a semicolon or, elsewhere, a comma, reading quotes only at a cell's start:
        // every piece between any two of those, quotes or line breaks, less its leading spaces, is text.
        var formulas = csv.Split([',', ';', '"', '\r', '\n']).Select(p => p.TrimStart(' ')).Where(p => p.Length > 0 && p[0] is '=' or '+' or '-' or '@' or '\t').ToList();
        Assert.Empty(formulas);
        Assert.Contains("Bar,'=1+1;'@SUM(A1)\"\"'-2+3, '+4\"", csv, StringComparison.Ordinal);
    }

    /// <summary>
    /// The export is what the dashboard shows. It left out the assessments near their limit, which
    /// the page lists, and the owner of each overdue task and review, which the page names.
    /// </summary>
    [Fact]
    public async Task The_export_holds_the_assessments_near_their_limit_and_the_owner_of_each_overdue_task()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        var task = await users.WaitForTaskAsync(Caseworkers.Police, id, "JointWork");
        await users.PostJsonAsync(Caseworkers.Police, $"/api/tasks/{task.GetProperty("id").GetGuid()}/claim", new { }, HttpStatusCode.Accepted);
        var preliminaryDue = (await users.ConcernAsync(id)).GetProperty("preliminaryAssessmentDue").GetDateTimeOffset();
        Assert.True(task.GetProperty("dueAt").GetDateTimeOffset() < preliminaryDue - TimeSpan.FromDays(2));
        host.Clock.AdvanceTo(preliminaryDue - TimeSpan.FromDays(2));
        var police = await host.WithDatabaseAsync(db => db.Users.Where(u => u.Email == Caseworkers.Police).Select(u => u.DisplayName).SingleAsync());

        using var socialManager = await InspectionsClient.BrowserAsync(host, Caseworkers.SocialManager);
        var social = await DashboardPage.DownloadAsync(socialManager, "/Dashboard?handler=Csv");
        Assert.StartsWith("Kommun;Verksamhet;Typ;Vad;Senast;Ärende;Ansvarig", social.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains($";Bedömning nära tidsgränsen;Förhandsbedömning;{StockholmTime.Show(preliminaryDue)};{id};", social, StringComparison.Ordinal);

        using var policeManager = await InspectionsClient.BrowserAsync(host, "police.manager@alvby.demo");
        var overdue = await DashboardPage.DownloadAsync(policeManager, "/Dashboard?handler=Csv");
        Assert.Contains($";Uppgift;Samverkan (SSPF);{StockholmTime.Show(task.GetProperty("dueAt").GetDateTimeOffset())};{id};{police}", overdue, StringComparison.Ordinal);
    }
}
