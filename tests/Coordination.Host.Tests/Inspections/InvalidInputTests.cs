using System.Net;
using Coordination.Host.Tests.Infrastructure;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

public sealed class InvalidInputTests
{
    private static readonly string[] CommaListOfParticipants = ["School,RescueService"];

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Invalid_input_gets_a_problem_naming_the_field_and_nothing_is_stored(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var officer = scenario.Officer;

        // A mistyped organisation number.
        using (var badNumber = await officer.PostAsync("/api/inspections/venues", scenario.VenueBody("Klubb Natt", "556016-0681")))
        {
            var problem = await InspectionsClient.ReadAsync(badNumber, HttpStatusCode.BadRequest);
            Assert.Contains("check digit", problem.GetProperty("errors").GetProperty("organisationNumber")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await officer.GetJsonAsync($"/api/inspections/venues?municipalityId={scenario.MunicipalityId}")).GetArrayLength());

        // A visit recorded for a round the police have not accepted.
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using (var notAccepted = await scenario.RecordVisitAsync(roundId, venueId, Item("serving.serving-hours", "Ok")))
        {
            var problem = await InspectionsClient.ReadAsync(notAccepted, HttpStatusCode.BadRequest);
            Assert.Contains("accepted", problem.GetProperty("errors").GetProperty("roundId")[0].GetString(), StringComparison.Ordinal);
        }

        // An unknown checklist item, on a round the police did accept.
        var accepted = await scenario.AcceptedRoundAsync(venueId, "2026-12-04");
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));
        using (var unknownItem = await scenario.RecordVisitAsync(accepted, venueId, new DateTimeOffset(2026, 12, 4, 20, 30, 0, TimeSpan.Zero), Item("serving.serving-hours", "Ok"), Item("serving.karaoke-volume", "Remark", "Too loud.")))
        {
            var problem = await InspectionsClient.ReadAsync(unknownItem, HttpStatusCode.BadRequest);
            Assert.Contains("not a checklist item", problem.GetProperty("errors").GetProperty("items[1].code")[0].GetString(), StringComparison.Ordinal);
        }

        // A checklist item that is not an object at all.
        using (var nullItem = await scenario.RecordVisitAsync(accepted, venueId, new DateTimeOffset(2026, 12, 4, 20, 30, 0, TimeSpan.Zero), Item("serving.serving-hours", "Ok"), null!))
        {
            var problem = await InspectionsClient.ReadAsync(nullItem, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("items[1]", out _), problem.GetRawText());
        }

        // A visit dated a week before the round's evening, which would mark the round done.
        using (var otherDay = await scenario.RecordVisitAsync(accepted, venueId, new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero), Item("serving.serving-hours", "Ok")))
        {
            var problem = await InspectionsClient.ReadAsync(otherDay, HttpStatusCode.BadRequest);
            Assert.Contains("2026-12-04 21:00–01:00", problem.GetProperty("errors").GetProperty("startedAt")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("Confirmed", (await officer.GetJsonAsync($"/api/inspections/rounds/{accepted}")).GetProperty("status").GetString());

        // Nothing stored: neither round has a visit, the venue was never visited, no protocol is due.
        foreach (var round in new[] { roundId, accepted })
        {
            var view = await officer.GetJsonAsync($"/api/inspections/rounds/{round}");
            Assert.All(view.GetProperty("venues").EnumerateArray(), v => Assert.Equal(System.Text.Json.JsonValueKind.Null, v.GetProperty("visitId").ValueKind));
        }

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await officer.GetJsonAsync($"/api/inspections/venues/{venueId}")).GetProperty("lastVisitedAt").ValueKind);
        Assert.DoesNotContain((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "SendProtocol");
    }

    [Fact]
    public async Task Round_and_proposal_dates_outside_the_planning_window_get_a_problem_naming_the_date_and_nothing_is_stored()
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);
        var officer = scenario.Officer;
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var roundId = await scenario.PlanRoundAsync(venueId);
        var request = await scenario.PoliceRequestAsync(roundId);

        // The clock stands in November 2026: rounds may be planned up to the end of 2031.
        foreach (var date in new[] { "0001-01-01", "1999-12-31", "2032-01-01", "9999-12-31" })
        {
            var evening = new { municipalityId = scenario.MunicipalityId, date, eveningStart = "00:00", eveningEnd = "02:00", venueIds = new[] { venueId } };
            using (var planned = await officer.PostAsync("/api/inspections/rounds", evening))
            {
                await AssertDateRefusedAsync(planned);
            }

            using (var replanned = await officer.PutAsync($"/api/inspections/rounds/{roundId}/schedule", new { date, eveningStart = "00:00", eveningEnd = "02:00" }))
            {
                await AssertDateRefusedAsync(replanned);
            }

            using var proposed = await scenario.Police.PostAsync($"/api/inspections/participation/{request.GetProperty("id").GetGuid()}/propose", new { date, eveningStart = "00:30" });
            await AssertDateRefusedAsync(proposed);
        }

        var rounds = await officer.GetJsonAsync($"/api/inspections/rounds?municipalityId={scenario.MunicipalityId}");
        Assert.Equal("2026-11-27", Assert.Single(rounds.EnumerateArray()).GetProperty("date").GetString());
        Assert.Equal("Open", (await scenario.PoliceRequestAsync(roundId)).GetProperty("status").GetString());

        // The last day of the window can be planned.
        await scenario.PlanRoundOnAsync("2031-12-31", venueId);

        static async Task AssertDateRefusedAsync(HttpResponseMessage response)
        {
            var problem = await InspectionsClient.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("Must be a date between 2000-01-01 and 2031-12-31.", problem.GetProperty("errors").GetProperty("date")[0].GetString());
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1999")]
    [InlineData("2032")]
    [InlineData("10000")]
    public async Task A_joint_round_year_outside_the_planning_window_gets_a_problem_naming_the_year(string year)
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);

        using var response = await scenario.Officer.GetAsync($"/api/inspections/joint-rounds?municipalityId={scenario.MunicipalityId}&year={year}");

        var problem = await InspectionsClient.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Must be a year between 2000 and 2031.", problem.GetProperty("errors").GetProperty("year")[0].GetString());
    }

    [Theory]
    [InlineData("0001-01")]
    [InlineData("1999-12")]
    [InlineData("2032-01")]
    [InlineData("9999-12")]
    [InlineData("not-a-month")]
    public async Task The_calendar_shows_the_current_month_for_a_month_outside_the_planning_window(string month)
    {
        await using var scenario = await StartAsync(HostBackend.SqliteInMemory);

        using var response = await scenario.Officer.GetAsync($"/Inspections?municipalityId={scenario.MunicipalityId}&Month={month}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("month=2026-10", page, StringComparison.Ordinal);
        Assert.Contains("month=2026-12", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    public async Task A_comma_list_or_a_number_for_a_named_value_is_refused_listing_the_names_and_nothing_is_stored(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var officer = scenario.Officer;

        static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string allowed)
        {
            var problem = await InspectionsClient.ReadAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
            Assert.Contains(allowed, messages[0].GetString(), StringComparison.Ordinal);
            response.Dispose();
        }

        foreach (var kind in new[] { "AlcoholToPublic,AlcoholToClosedCompanies", "Catering,Tobacco", "3", " 3" })
        {
            var venue = System.Text.Json.JsonSerializer.SerializeToNode(scenario.VenueBody("Klubb Natt", "556016-0680"))!.AsObject();
            venue["licenceKinds"] = new System.Text.Json.Nodes.JsonArray(kind);
            await AssertRefusedAsync(await officer.PostAsync("/api/inspections/venues", venue), "licenceKinds[0]", "AlcoholToPublic, AlcoholToClosedCompanies");
        }

        Assert.Equal(0, (await officer.GetJsonAsync($"/api/inspections/venues?municipalityId={scenario.MunicipalityId}")).GetArrayLength());

        // One name, in any case, is read as before.
        var lowerCase = System.Text.Json.JsonSerializer.SerializeToNode(scenario.VenueBody("Klubb Natt", "556016-0680"))!.AsObject();
        lowerCase["licenceKinds"] = new System.Text.Json.Nodes.JsonArray("alcoholtopublic");
        var created = await officer.PostJsonAsync("/api/inspections/venues", lowerCase, HttpStatusCode.Created);
        Assert.Equal("AlcoholToPublic", created.GetProperty("licenceKinds")[0].GetString());
        var venueId = created.GetProperty("id").GetGuid();

        await AssertRefusedAsync(
            await officer.PostAsync("/api/inspections/rounds", new { municipalityId = scenario.MunicipalityId, date = "2026-11-27", eveningStart = "21:00", eveningEnd = "01:00", venueIds = new[] { venueId }, optionalParticipants = CommaListOfParticipants }),
            "optionalParticipants[0]", "RescueService");

        // A supervision case of another venue, opened on the evening of 27 November.
        var (_, _, caseId) = await scenario.SupervisionCaseAsync("Baren Komma", "556677-8899");
        await AssertRefusedAsync(
            await officer.PostAsync($"/api/inspections/supervision-cases/{caseId}/kommunicering", new { proposedSanction = "Erinran,Varning", text = "We propose a sanction." }),
            "proposedSanction", "Erinran, Varning, Aterkallelse");
        Assert.Equal("Opened", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());

        var roundId = await scenario.AcceptedRoundAsync(venueId, "2026-12-04");
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));
        var evening = new DateTimeOffset(2026, 12, 4, 20, 30, 0, TimeSpan.Zero);
        await AssertRefusedAsync(await scenario.RecordVisitAsync(roundId, venueId, evening, Item("serving.serving-hours", "Ok,Remark")), "items[0].result", "Ok, Remark, NotChecked");
        using var recorded = await scenario.RecordVisitAsync(roundId, venueId, evening, Item("serving.serving-hours", "Remark", "Served past closing time."));
        var visitId = (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await AssertRefusedAsync(await officer.PostAsync($"/api/inspections/visits/{visitId}/outcome", new { outcome = "NoRemarks,MinorRemarks" }), "outcome", "NoRemarks, MinorRemarks, SeriousRemarks");
        Assert.Single((await officer.GetJsonAsync($"/api/inspections/supervision-cases?municipalityId={scenario.MunicipalityId}")).EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await officer.GetJsonAsync($"/api/inspections/visits/{visitId}")).GetProperty("outcome").ValueKind);

    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    public async Task Another_municipalitys_licensing_unit_cannot_see_the_venue(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        using var sjostad = new InspectionsClient(scenario.Host, "licensing.staff@sjostad.demo");

        using var response = await sjostad.GetAsync($"/api/inspections/venues/{venueId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
