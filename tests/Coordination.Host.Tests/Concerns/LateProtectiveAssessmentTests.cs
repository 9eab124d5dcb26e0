using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// In an acute case social services decide the preliminary assessment at once, and the protective
/// assessment is written down afterwards. It was answered 204 and then dropped by the concern's
/// workflow, which took it only while it waited for it: the concern stayed "ProtectiveAssessment
/// overdue" on the manager's list for good, and the half-year statistics counted it as not done.
/// </summary>
public sealed class LateProtectiveAssessmentTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_protective_assessment_recorded_after_the_decision_to_investigate_is_kept_leaves_the_overdue_list_and_a_second_is_refused(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "late-protective");
        using var users = new Caseworkers(host);
        var raised = await users.RaiseAsync();
        var id = raised.GetProperty("id").GetGuid();

        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.OK);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "UnderInvestigation", "the investigation opened");

        // The decision is made once; a second is refused saying which it was.
        var decidedAgain = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "NotOpened" }, HttpStatusCode.Conflict);
        Assert.Equal("Preliminary assessment already decided", decidedAgain.GetProperty("title").GetString());
        Assert.Equal("Opened", decidedAgain.GetProperty("decision").GetString());
        host.Clock.AdvanceTo(raised.GetProperty("protectiveAssessmentDue").GetDateTimeOffset() + TimeSpan.FromHours(1));
        Assert.Contains(id, await OverdueProtectiveAssessmentsAsync(users));

        var recordedAt = host.Clock.GetUtcNow();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = true }, HttpStatusCode.NoContent);

        var concern = await users.WaitForConcernAsync(id, c => c.GetProperty("protectiveAssessmentDoneAt").ValueKind != JsonValueKind.Null, "the protective assessment stored");
        Assert.Equal(recordedAt, concern.GetProperty("protectiveAssessmentDoneAt").GetDateTimeOffset());
        Assert.Equal("UnderInvestigation", concern.GetProperty("status").GetString());
        Assert.DoesNotContain(id, await OverdueProtectiveAssessmentsAsync(users));

        var again = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.Conflict);
        Assert.Equal("Protective assessment already recorded", again.GetProperty("title").GetString());
        Assert.Equal(recordedAt, again.GetProperty("recordedAt").GetDateTimeOffset());
        Assert.Single(await ProtectiveAssessmentEntriesAsync(users, id));

        // The case view's form, sent again from a page shown before: the page says the step is done, not an error page.
        using var page = await users.PostFormAsync(Reception, $"/Concerns/Case/{id}", "Protective", [new("protection", "no")]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Steget är redan gjort", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Single(await ProtectiveAssessmentEntriesAsync(users, id));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_protective_assessment_on_a_closed_concern_is_refused_as_the_concern_is_closed_and_nothing_is_recorded(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "closed-protective");
        using var users = new Caseworkers(host);
        var raised = await users.RaiseAsync();
        var id = raised.GetProperty("id").GetGuid();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "NotOpened" }, HttpStatusCode.OK);
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome = "Not opened; nothing for joint work." }, HttpStatusCode.NoContent);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "Closed", "the concern closed");

        var refused = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.Conflict);

        Assert.Equal("Concern closed", refused.GetProperty("title").GetString());
        var decision = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.Conflict);
        Assert.Equal("Concern closed", decision.GetProperty("title").GetString());
        Assert.Empty(await ProtectiveAssessmentEntriesAsync(users, id));
        Assert.Equal(JsonValueKind.Null, (await users.ConcernAsync(id)).GetProperty("protectiveAssessmentDoneAt").ValueKind);
    }

    private static async Task<List<Guid>> OverdueProtectiveAssessmentsAsync(Caseworkers users)
    {
        var overdue = await users.GetJsonAsync(SocialManager, "/api/overdue");
        return [.. overdue.GetProperty("agencies").EnumerateArray()
            .SelectMany(a => a.GetProperty("assessments").EnumerateArray())
            .Where(a => a.GetProperty("assessment").GetString() == "ProtectiveAssessment")
            .Select(a => a.GetProperty("concernId").GetGuid())];
    }

    private static async Task<List<JsonElement>> ProtectiveAssessmentEntriesAsync(Caseworkers users, Guid id) =>
        [.. (await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology")).EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "ProtectiveAssessmentDone")];
}
