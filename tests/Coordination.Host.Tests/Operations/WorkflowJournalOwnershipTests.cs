using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Operations;

/// <summary>
/// A concern's workflow journal shows social services' assessments (an investigation opened or
/// not), and a task's journal the agency's answer. Any administrator once read both, a school's
/// too, given the id of a concern it reported or holds a task on: now only the administrators
/// who answer for the instance do, social services' for the concern and the task's agency's for
/// the task; to every other one the journal does not exist (404), on both stacks.
/// </summary>
public sealed class WorkflowJournalOwnershipTests
{
    private const string PoliceAdministrator = "police.administrator@alvby.demo";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_schools_administrator_is_told_a_concerns_journal_does_not_exist_while_social_services_administrator_reads_it(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "journal-owners");
        using var users = new Caseworkers(host);
        var id = await users.RaiseAndShareAsync("Police");
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.OK);
        var task = (await users.WaitForTaskAsync(Police, id, "JointWork")).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Police, $"/api/tasks/{task}/decline", new { reason = "No capacity this week" }, HttpStatusCode.Accepted);

        // Social services' administrator reads the concern's journal, the decision included.
        var concern = await Poll.UntilAsync(
            () => users.GetJsonAsync(SocialAdministrator, $"/api/operations/workflows/{id}/journal"),
            journal => journal.EnumerateArray().Any(t => t.GetProperty("event").GetString() == "PreliminaryAssessmentDecided"),
            WorkflowWait, "the decision in the concern's journal", host.Clock.TickSecond);
        Assert.Contains(concern.EnumerateArray(), t => t.GetProperty("toState").GetString() == "UnderInvestigation");

        // The police's administrator reads the police's task, with its answer.
        var declined = await Poll.UntilAsync(
            () => users.GetJsonAsync(PoliceAdministrator, $"/api/operations/workflows/{task}/journal"),
            journal => journal.EnumerateArray().Any(t => t.GetProperty("toState").GetString() == "Declined"),
            WorkflowWait, "the decline in the task's journal", host.Clock.TickSecond);
        Assert.NotEmpty(declined.EnumerateArray());

        // The school reported the concern, and its administrator holds the id: neither journal exists for them.
        await AssertUnknownAsync(users, SchoolAdministrator, id);
        await AssertUnknownAsync(users, SchoolAdministrator, task);
        await AssertUnknownAsync(users, PoliceAdministrator, id);
        await AssertUnknownAsync(users, SocialAdministrator, task);
    }

    private static async Task AssertUnknownAsync(Caseworkers users, string administrator, Guid instanceId)
    {
        using var response = await users.GetAsync(administrator, $"/api/operations/workflows/{instanceId}/journal");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{administrator} read the journal of {instanceId}: {(int)response.StatusCode} {body}");
        Assert.Equal(instanceId, JsonDocument.Parse(body).RootElement.GetProperty("instanceId").GetGuid());
        Assert.DoesNotContain("PreliminaryAssessmentDecided", body, StringComparison.Ordinal);
    }
}
