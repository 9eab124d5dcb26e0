using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Visits;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// The inspection forms say in the page's language why the API refused them, where the field had
/// no text of the page's own and the API's English sentence was shown: a participant the
/// municipality does not have, a joint round in a municipality without the police (named at no
/// field on the form at all), and a checklist saved again for a venue whose visit is already
/// recorded, which now links to that visit.
/// </summary>
public sealed class InspectionFormErrorTextTests
{
    private const string Officer = "licensing.staff@alvby.demo";

    [Fact]
    public async Task A_round_asking_a_rescue_service_the_municipality_does_not_have_is_refused_in_swedish_at_the_participants()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        await RemoveAgencyAsync(scenario, AgencyKind.RescueService);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");

        var html = await PlanAsync(scenario, venueId, KeyValuePair.Create("Input.OptionalParticipants", "RescueService"));

        const string message = "Välj bara räddningstjänsten eller Skatteverket, och bara den som kommunen har i tjänsten att fråga.";
        Assert.Contains($"<a href=\"#Input_OptionalParticipants\">{message}</a>", html, StringComparison.Ordinal);
        Assert.Contains(message, FieldError(html, "Input_OptionalParticipants"), StringComparison.Ordinal);
        Assert.DoesNotContain("The municipality has no", html, StringComparison.Ordinal);
        Assert.Equal(0, await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionRound>().CountAsync()));
    }

    [Fact]
    public async Task A_joint_round_in_a_municipality_without_the_police_is_refused_in_swedish_at_the_participants()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        await RemoveAgencyAsync(scenario, AgencyKind.Police);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");

        var html = await PlanAsync(scenario, venueId);

        const string message = "En gemensam runda frågar polisen, men kommunen har ingen polis i tjänsten att fråga. Planera rundan utan polisen för att gå ensamma.";
        Assert.Contains($"<a href=\"#Input_OptionalParticipants\">{message}</a>", html, StringComparison.Ordinal);
        Assert.Contains(message, FieldError(html, "Input_OptionalParticipants"), StringComparison.Ordinal);
        Assert.DoesNotContain("A joint round asks the police", html, StringComparison.Ordinal);
        Assert.Equal(0, await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionRound>().CountAsync()));
    }

    [Fact]
    public async Task A_checklist_saved_again_for_a_venue_already_visited_on_the_round_says_so_in_swedish_and_links_to_the_visit()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.AcceptedRoundAsync(venueId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, Officer, allowAutoRedirect: false);
        var page = $"/Inspections/Checklist?roundId={roundId}&venueId={venueId}";
        var antiforgery = await PageForms.AntiforgeryTokenAsync(browser, page);
        using (var recorded = await PageForms.PostAsync(browser, page, antiforgery, Checklist))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        var visitId = await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().Select(v => v.Id).SingleAsync());

        // The same checklist sent again, as from a second tablet still showing the form.
        using var again = await PageForms.PostAsync(browser, page, antiforgery, Checklist);
        var html = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());

        Assert.True(again.StatusCode == HttpStatusCode.OK, $"{(int)again.StatusCode}{UnhandledExceptionHeader.Of(again)}");
        const string message = "Ett besök på serveringsstället är redan registrerat för rundan, så det här sparades inte.";
        Assert.Contains($"<a href=\"#RecordedVisit\">{message}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<p>{message}</p>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/Inspections/Visit?id={visitId}\">Öppna det registrerade besöket</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("already recorded", html, StringComparison.Ordinal);
        Assert.Equal(1, await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().CountAsync()));

        // The checklist is only of the round's venues: another venue's is not found.
        var other = await scenario.RegisterVenueAsync("Baren", "556123-4567");
        using var outside = await browser.GetAsync(new Uri($"/Inspections/Checklist?roundId={roundId}&venueId={other}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    private static readonly List<KeyValuePair<string, string>> Checklist =
    [
        new("Input.Started", "21:30"), new("Input.Ended", "22:15"), new("Input.Present", "Lena Licensing (Tillståndsenheten)"),
        new("Input.Items[0].Code", "serving.order-and-sobriety"), new("Input.Items[0].Result", "Ok"),
    ];

    /// <summary>The municipality no longer has the agency in the service.</summary>
    private static async Task RemoveAgencyAsync(InspectionScenario scenario, AgencyKind kind)
    {
        var agency = await scenario.Host.WithDatabaseAsync(db => db.Agencies.Where(a => a.MunicipalityId == scenario.MunicipalityId && a.Kind == kind).Select(a => a.Id).SingleAsync());
        await scenario.Host.WithDatabaseAsync(db => db.Memberships.Where(m => m.AgencyId == agency).ExecuteDeleteAsync());
        await scenario.Host.WithDatabaseAsync(db => db.Agencies.Where(a => a.Id == agency).ExecuteDeleteAsync());
    }

    /// <summary>The planning form sent for a joint round next week; the page shown again, decoded.</summary>
    private static async Task<string> PlanAsync(InspectionScenario scenario, Guid venueId, params KeyValuePair<string, string>[] more)
    {
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, Officer, allowAutoRedirect: false);
        var page = $"/Inspections/Plan?municipalityId={scenario.MunicipalityId}";
        using var refused = await PageForms.PostAsync(browser, page, await PageForms.AntiforgeryTokenAsync(browser, page),
        [
            new("Input.Date", "2026-12-04"), new("Input.EveningStart", "21:00"), new("Input.EveningEnd", "01:00"), new("Input.VenueIds", venueId.ToString()),
            new("Input.WithPolice", "true"), .. more,
        ]);
        Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode}{UnhandledExceptionHeader.Of(refused)}");
        return WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
    }

    /// <summary>The error text shown at a field (its <c>-error</c> paragraph), or empty when it has none.</summary>
    private static string FieldError(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}-error\"", StringComparison.Ordinal);
        return start < 0 ? string.Empty : html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)];
    }
}
