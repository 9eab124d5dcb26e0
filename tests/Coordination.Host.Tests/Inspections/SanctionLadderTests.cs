using System.Net;
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
}
