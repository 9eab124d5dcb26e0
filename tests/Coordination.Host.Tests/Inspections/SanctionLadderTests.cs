using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

public sealed class SanctionLadderTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Aterkallelse_without_an_earlier_varning_is_refused_until_the_case_is_marked_most_serious_with_a_justification(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        await scenario.Officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/kommunicering", new { proposedSanction = "Aterkallelse", text = "We propose revocation." });
        await scenario.Officer.PostJsonAsync($"/api/inspections/supervision-cases/{caseId}/reply", new { text = "We have replaced the door staff." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply makes the case ready for decision", scenario.Host.Clock.TickSecond);

        using (var refused = await scenario.Officer.PostAsync($"/api/inspections/supervision-cases/{caseId}/decision", new { sanction = "Aterkallelse" }))
        {
            var problem = await InspectionsClient.ReadAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal("Återkallelse refused by the sanction ladder", problem.GetProperty("title").GetString());
            Assert.Contains("earlier varning", problem.GetProperty("errors").GetProperty("sanction")[0].GetString(), StringComparison.Ordinal);
        }

        using (var unjustified = await scenario.Officer.PostAsync($"/api/inspections/supervision-cases/{caseId}/decision", new { sanction = "Aterkallelse", mostSeriousCase = true }))
        {
            var problem = await InspectionsClient.ReadAsync(unjustified, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("justification", out _));
        }

        // Nothing was decided: the case still waits, and the venue's history has no sanction.
        Assert.Equal("AwaitingDecision", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());
        var history = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        Assert.DoesNotContain(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "SanctionDecided");

        var decided = await scenario.Officer.PostJsonAsync(
            $"/api/inspections/supervision-cases/{caseId}/decision",
            new { sanction = "Aterkallelse", mostSeriousCase = true, justification = "Minors served repeatedly and violence tolerated: public order at serious risk." });
        Assert.Equal("Aterkallelse", decided.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_sanction_harsher_than_the_one_communicated_is_decided_only_after_it_was_communicated_in_turn(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var (venueId, _, caseId) = await scenario.SupervisionCaseAsync("Klubb Natt", "556016-0680");
        var cases = $"/api/inspections/supervision-cases/{caseId}";
        await scenario.Officer.PostJsonAsync($"{cases}/kommunicering", new { proposedSanction = "Erinran", text = "We propose an erinran." });
        await scenario.Officer.PostJsonAsync($"{cases}/reply", new { text = "The outdoor area is now marked off." });
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the reply makes the case ready for decision", scenario.Host.Clock.TickSecond);

        // The licensee was told of an erinran: a varning is refused, and so is communicating the erinran again.
        using (var harsher = await scenario.Officer.PostAsync($"{cases}/decision", new { sanction = "Varning" }))
        {
            var problem = await InspectionsClient.ReadAsync(harsher, HttpStatusCode.BadRequest);
            Assert.Equal("Harsher than the proposal communicated", problem.GetProperty("title").GetString());
            Assert.Contains("told of Erinran", problem.GetProperty("errors").GetProperty("sanction")[0].GetString(), StringComparison.Ordinal);
        }

        using (var same = await scenario.Officer.PostAsync($"{cases}/kommunicering", new { proposedSanction = "Erinran", text = "Again." }))
        {
            var problem = await InspectionsClient.ReadAsync(same, HttpStatusCode.BadRequest);
            Assert.Contains("harsher proposal", problem.GetProperty("errors").GetProperty("proposedSanction")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("AwaitingDecision", (await scenario.SupervisionCaseAsync(caseId)).GetProperty("status").GetString());

        // A varning communicated: a new reply time, the decision task withdrawn, the first reply kept in the history.
        var again = await scenario.Officer.PostJsonAsync($"{cases}/kommunicering", new { proposedSanction = "Varning", text = "On reflection we propose a varning." });
        Assert.Equal("AwaitingReply", again.GetProperty("status").GetString());
        Assert.Equal("Varning", again.GetProperty("proposedSanction").GetString());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("repliedAt").ValueKind);
        Assert.DoesNotContain((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "DecideSupervisionCase");
        var history = await scenario.Officer.GetJsonAsync($"/api/inspections/venues/{venueId}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("text").GetString()!.Contains("The outdoor area is now marked off.", StringComparison.Ordinal));

        // The licensee lets the new reply time run out; then the varning can be decided.
        await Poll.UntilAsync(() => scenario.SupervisionCaseAsync(caseId), c => c.GetProperty("status").GetString() == "AwaitingDecision", WorkflowWait, "the new reply time runs out", () => scenario.Host.Clock.Advance(TimeSpan.FromDays(1)));
        Assert.Single((await scenario.OfficerTasksAsync()).EnumerateArray(), t => t.GetProperty("kind").GetString() == "DecideSupervisionCase");
        var decided = await scenario.Officer.PostJsonAsync($"{cases}/decision", new { sanction = "Varning" });
        Assert.Equal("Varning", decided.GetProperty("decision").GetString());
    }
}
