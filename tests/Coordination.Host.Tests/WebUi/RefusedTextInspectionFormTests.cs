using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Visits;
using Microsoft.EntityFrameworkCore;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.WebUi;

/// <summary>
/// Text the forms cannot take (a control character such as the vertical tab a word processor
/// pastes) is not bound, and the inspection pages acted without it: the checklist recorded the visit
/// without the note and went on to it, so the note and its error were lost; the planning form
/// planned the round without the participant. Now the page is shown again with the error at the
/// field and what was typed, and nothing is saved.
/// </summary>
public sealed class RefusedTextInspectionFormTests
{
    private const string Officer = "licensing.staff@alvby.demo";
    private const string ControlCharacterMessage = "Texten får inte innehålla styrtecken";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_checklist_note_with_a_control_character_is_shown_again_with_its_error_and_the_typed_note_and_no_visit_is_recorded(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.AcceptedRoundAsync(venueId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, Officer, allowAutoRedirect: false);
        var page = $"/Inspections/Checklist?roundId={roundId}&venueId={venueId}";

        using (var refused = await PageForms.PostAsync(browser, page, await PageForms.AntiforgeryTokenAsync(browser, page), Checklist("Kön\u000Bvid dörren")))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode}{UnhandledExceptionHeader.Of(refused)}");
            Assert.Contains("id=\"Input_Items_0__Note-error\"", html, StringComparison.Ordinal);
            Assert.Contains(ControlCharacterMessage, html, StringComparison.Ordinal);
            Assert.Matches("id=\"Input_Items_0__Note\"[^>]*value=\"Kön\u000Bvid dörren\"", html);
        }

        Assert.Equal(0, await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().CountAsync()));

        // Sent again without the control character, the visit is recorded with the note.
        using (var recorded = await PageForms.PostAsync(browser, page, await PageForms.AntiforgeryTokenAsync(browser, page), Checklist("Kön vid dörren")))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        Assert.Equal("Kön vid dörren", await scenario.Host.WithDatabaseAsync(db => db.Set<Visit>().SelectMany(v => v.Entries).Select(e => e.Note).SingleAsync()));
    }

    [Fact]
    public async Task A_decline_reason_with_a_control_character_is_shown_again_with_that_error_alone_and_the_request_stays_open()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var roundId = await scenario.PlanRoundAsync(await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680"));
        var taskId = (await scenario.PoliceRequestAsync(roundId)).GetProperty("id").GetGuid();
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, "police.staff@alvby.demo", allowAutoRedirect: false);
        var page = $"/Inspections/Round?id={roundId}";

        using var refused = await PageForms.PostAsync(browser, $"{page}&handler=Decline&taskId={taskId}", await PageForms.AntiforgeryTokenAsync(browser, page),
            [new("Answer.Reason", "Inga patruller\u000Bden kvällen")]);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode}{UnhandledExceptionHeader.Of(refused)}");
        var error = FieldError(html, "Answer_Reason");
        Assert.Contains(ControlCharacterMessage, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Ange varför ni avböjer", error, StringComparison.Ordinal);
        Assert.Contains("Inga patruller\u000Bden kvällen</textarea>", html, StringComparison.Ordinal);
        Assert.Equal("Open", (await scenario.PoliceRequestAsync(roundId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_round_whose_participant_the_form_cannot_take_is_shown_again_and_not_planned_without_it()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        using var browser = await InspectionsClient.BrowserAsync(scenario.Host, Officer, allowAutoRedirect: false);
        var page = $"/Inspections/Plan?municipalityId={scenario.MunicipalityId}";

        using var refused = await PageForms.PostAsync(browser, page, await PageForms.AntiforgeryTokenAsync(browser, page),
        [
            new("Input.Date", "2026-12-04"), new("Input.EveningStart", "21:00"), new("Input.EveningEnd", "01:00"), new("Input.VenueIds", venueId.ToString()),
            new("Input.WithPolice", "true"), new("Input.OptionalParticipants", "RescueService\u000B"),
        ]);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode}{UnhandledExceptionHeader.Of(refused)}");
        Assert.Contains("href=\"#Input_OptionalParticipants\"", html, StringComparison.Ordinal);
        Assert.Contains(ControlCharacterMessage, html, StringComparison.Ordinal);
        Assert.Equal(0, await scenario.Host.WithDatabaseAsync(db => db.Set<InspectionRound>().CountAsync()));
    }

    private static List<KeyValuePair<string, string>> Checklist(string note) =>
    [
        new("Input.Started", "21:30"), new("Input.Ended", "22:15"), new("Input.Present", "Lena Licensing (Tillståndsenheten)"),
        new("Input.Items[0].Code", "serving.order-and-sobriety"), new("Input.Items[0].Result", "Ok"), new("Input.Items[0].Note", note),
    ];

    /// <summary>The error text shown at a field (its <c>-error</c> paragraph), or empty when it has none.</summary>
    private static string FieldError(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}-error\"", StringComparison.Ordinal);
        return start < 0 ? string.Empty : html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)];
    }
}
