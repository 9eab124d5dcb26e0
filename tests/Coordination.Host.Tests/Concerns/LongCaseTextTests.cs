using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// Texts at their longest allowed length are kept whole where the service adds words to them: in
/// the chronology ("Concern closed: …") and in the title of a plan action's task. On PostgreSQL,
/// which holds columns to their declared length; SQLite does not.
/// </summary>
public sealed class LongCaseTextTests
{
    private static readonly string[] OneGoal = ["Alva attends school"];

    [Fact]
    public async Task Reasons_and_outcomes_of_the_longest_allowed_length_are_kept_whole_in_the_chronology_and_task_titles_on_postgres()
    {
        await using var host = await EmbeddedHostFactory.OnPostgresAndRabbitMqAsync("long-texts", EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var raised = await users.PostJsonAsync(Teacher, "/api/concerns", ConcernRequests.Concern(), HttpStatusCode.Created);
        var id = raised.GetProperty("id").GetGuid();
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "AwaitingProtectiveAssessment", "the concern registered");
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.OK);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "UnderInvestigation", "the investigation opened");

        var reason = Text('r', 1000);
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/investigation/extension", new { newDueDate = "2027-06-30", reason }, HttpStatusCode.OK);

        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "Police"), HttpStatusCode.Created);
        var policeTask = (await users.WaitForTaskAsync(Police, id, "JointWork")).GetProperty("id").GetGuid();
        var declined = Text('d', 1000);
        await users.PostJsonAsync(Police, $"/api/tasks/{policeTask}/decline", new { reason = declined }, HttpStatusCode.Accepted);

        var what = Text('w', 1000);
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/plan", new { goals = OneGoal, actions = new[] { new { what, agency = "SocialServices", byDate = "2026-12-18" } } }, HttpStatusCode.Created);
        await users.WaitForConcernAsync(id, c => c.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "PlanAction" && t.GetProperty("title").GetString() == what), "the plan action's task, titled with the whole action");

        var outcome = Text('o', 1000);
        await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/close", new { outcome }, HttpStatusCode.NoContent);
        await users.WaitForConcernAsync(id, c => c.GetProperty("outcome").GetString() == outcome, "the concern closed");

        var chronology = await Poll.UntilAsync(
            () => ChronologyAsync(users, id), texts => texts.Count(t => t.StartsWith("Concern closed", StringComparison.Ordinal) || t.StartsWith("Task declined", StringComparison.Ordinal)) == 2,
            WorkflowWait, "the decline and the closing in the chronology", host.Clock.TickSecond);
        Assert.Contains($"Investigation extended: {reason}", chronology);
        Assert.Contains($"Task declined: {declined}", chronology);
        Assert.Contains($"PlanAction task offered: {what}", chronology);
        Assert.Contains($"Concern closed: {outcome}", chronology);
    }

    /// <summary>A text of the given length that reads as words, so trimming cannot shorten it.</summary>
    private static string Text(char letter, int length) => string.Concat(Enumerable.Repeat($"{letter}{letter}{letter} ", length / 4))[..(length - 1)] + letter;

    private static async Task<List<string>> ChronologyAsync(Caseworkers users, Guid id)
    {
        var chronology = await users.GetJsonAsync(Coordinator, $"/api/concerns/{id}/chronology");
        return [.. chronology.EnumerateArray().Select(e => e.GetProperty("text").GetString()!)];
    }
}
