using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// Free text of the Inspections API is at most as long as its column: longer is a 400 naming the
/// field and the limit, never PostgreSQL's 500; text at the limit is stored, with the history
/// lines it is copied into.
/// </summary>
public sealed class TextLimitsTests
{
    private static readonly DateTimeOffset Evening = new(2026, 11, 27, 20, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Venue_text_longer_than_its_column_is_refused_naming_the_field_and_text_at_the_limit_is_stored(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var officer = scenario.Officer;
        var path = "/api/inspections/venues";

        foreach (var (field, limit) in new[] { ("name", 200), ("licenseeName", 200), ("address", 200), ("postalTown", 100) })
        {
            using var response = await officer.PostAsync(path, Venue(scenario, field, new string('x', limit + 1)));
            await AssertRefusedAsync(response, field, limit);
        }

        using (var longPerson = await officer.PostAsync(path, Venue(scenario, "responsiblePersons", new[] { "Anna", new string('p', 201) })))
        {
            await AssertRefusedAsync(longPerson, "responsiblePersons[1]", 200);
        }

        using (var longList = await officer.PostAsync(path, Venue(scenario, "responsiblePersons", Persons('p', 11))))
        {
            await AssertRefusedAsync(longList, "responsiblePersons", 2000);
        }

        Assert.Equal(0, (await officer.GetJsonAsync($"{path}?municipalityId={scenario.MunicipalityId}")).GetArrayLength());

        // At the limits: stored, and a change of every field still fits its line in the history.
        var created = await officer.PostJsonAsync(path, Full(scenario, 'a'), HttpStatusCode.Created);
        var venueId = created.GetProperty("id").GetGuid();
        Assert.Equal(200, created.GetProperty("name").GetString()!.Length);
        using (var changed = await officer.PutAsync($"{path}/{venueId}", Full(scenario, 'b')))
        {
            await InspectionsClient.ReadAsync(changed, HttpStatusCode.OK);
        }

        var history = await officer.GetJsonAsync($"{path}/{venueId}/history");
        var change = history.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "DetailsChanged").GetProperty("text").GetString()!;
        Assert.InRange(change.Length, 1, 2000);
        Assert.Contains("responsible persons", change, StringComparison.Ordinal);
        Assert.Equal(new string('b', 200), (await officer.GetJsonAsync($"{path}/{venueId}")).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Visit_and_participation_text_longer_than_its_column_is_refused_and_text_at_the_limit_is_stored(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var venueId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");

        // A decline's reason is the task's note.
        var declined = await scenario.PlanRoundOnAsync("2026-12-04", venueId);
        var request = (await scenario.PoliceRequestAsync(declined)).GetProperty("id").GetGuid();
        using (var tooLong = await scenario.Police.PostAsync($"/api/inspections/participation/{request}/decline", new { reason = new string('r', 2001) }))
        {
            await AssertRefusedAsync(tooLong, "reason", 2000);
        }

        await scenario.Police.PostJsonAsync($"/api/inspections/participation/{request}/decline", new { reason = new string('r', 2000) });

        var roundId = await scenario.AcceptedRoundAsync(venueId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        using (var longNote = await RecordAsync(scenario, roundId, venueId, ["Lena Licensing"], new string('n', 1801)))
        {
            await AssertRefusedAsync(longNote, "items[0].note", 1800);
        }

        using (var longName = await RecordAsync(scenario, roundId, venueId, ["Lena Licensing", new string('p', 201)], "Too loud."))
        {
            await AssertRefusedAsync(longName, "participantsPresent[1]", 200);
        }

        using (var longList = await RecordAsync(scenario, roundId, venueId, Persons('p', 11), "Too loud."))
        {
            await AssertRefusedAsync(longList, "participantsPresent", 2000);
        }

        using (var atLimit = await RecordAsync(scenario, roundId, venueId, Persons('p', 10), new string('n', 1800)))
        {
            var visit = await InspectionsClient.ReadAsync(atLimit, HttpStatusCode.Created);
            Assert.Equal(10, visit.GetProperty("participantsPresent").GetArrayLength());
        }

        var history = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        Assert.EndsWith(new string('n', 1800), history.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Remark").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Supervision_text_longer_than_its_column_is_refused_and_text_at_the_limit_is_stored(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Baren Lång", "556677-8899");
        var path = $"/api/inspections/supervision-cases/{caseId}";
        var officer = scenario.Officer;

        using (var tooLong = await officer.PostAsync($"{path}/kommunicering", new { proposedSanction = "Erinran", text = new string('k', 4001) }))
        {
            await AssertRefusedAsync(tooLong, "text", 4000);
        }

        await officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Erinran", text = new string('k', 4000) });
        using (var tooLong = await officer.PostAsync($"{path}/reply", new { text = new string('y', 1801) }))
        {
            await AssertRefusedAsync(tooLong, "text", 1800);
        }

        await officer.PostJsonAsync($"{path}/reply", new { text = new string('y', 1800) });
        await AwaitingDecisionAsync(scenario, caseId);

        // A harsher proposal keeps the first reply in the venue's history.
        await officer.PostJsonAsync($"{path}/kommunicering", new { proposedSanction = "Varning", text = "We now propose a varning." });
        await officer.PostJsonAsync($"{path}/reply", new { text = "We disagree." });
        await AwaitingDecisionAsync(scenario, caseId);
        using (var tooLong = await officer.PostAsync($"{path}/decision", new { sanction = "Varning", justification = new string('j', 4001) }))
        {
            await AssertRefusedAsync(tooLong, "justification", 4000);
        }

        await officer.PostJsonAsync($"{path}/decision", new { sanction = "Varning", justification = new string('j', 4000) });
        using (var tooLong = await officer.PostAsync($"{path}/appeal", new { text = new string('a', 1901) }))
        {
            await AssertRefusedAsync(tooLong, "text", 1900);
        }

        await officer.PostJsonAsync($"{path}/appeal", new { text = new string('a', 1900) });

        var history = (await officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history")).EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains(history, t => t.EndsWith(new string('y', 1800), StringComparison.Ordinal));
        Assert.Contains(history, t => t.EndsWith(new string('a', 1900), StringComparison.Ordinal));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, int limit)
    {
        var problem = await InspectionsClient.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
        Assert.Contains($"At most {limit} characters", messages[0].GetString(), StringComparison.Ordinal);
    }

    private static Task<JsonElement> AwaitingDecisionAsync(InspectionScenario scenario, Guid caseId) =>
        Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision",
            WorkflowWait, "the reply makes the case ready for decision", scenario.Host.Clock.TickSecond);

    /// <summary>Names of 199 characters: ten of them, one a line, fill a list's 2,000-character column but for one.</summary>
    private static string[] Persons(char letter, int count) =>
        Enumerable.Range(0, count).Select(i => $"{(char)('A' + i)}{new string(letter, 198)}").ToArray();

    private static Task<HttpResponseMessage> RecordAsync(InspectionScenario scenario, Guid roundId, Guid venueId, string[] present, string note) =>
        scenario.Officer.PostAsync($"/api/inspections/rounds/{roundId}/visits", new
        {
            venueId,
            startedAt = Evening,
            endedAt = Evening.AddMinutes(45),
            participantsPresent = present,
            items = new[] { Item("serving.serving-hours", "Remark", note) },
        });

    private static Dictionary<string, object?> Venue(InspectionScenario scenario, string field, object value)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(scenario.VenueBody("Klubb Natt", "556016-0680")))!;
        body[field] = value;
        return body;
    }

    private static Dictionary<string, object?> Full(InspectionScenario scenario, char letter)
    {
        var body = Venue(scenario, "name", new string(letter, 200));
        body["licenseeName"] = new string(letter, 200);
        body["address"] = new string(letter, 200);
        body["postalTown"] = new string(letter, 100);
        body["responsiblePersons"] = Persons(letter, 10);
        return body;
    }
}
