using Coordination.Host.Tests.Concerns;
using Coordination.Host.Tests.Inspections;
using Coordination.Host.Tests.Security;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Dashboard;

/// <summary>
/// A late protective assessment is on the managers' dashboard once, among the assessments past
/// their legal limit. Its task was listed and counted among the overdue tasks as well, so one late
/// assessment read as two pieces of late work.
/// </summary>
public sealed class DashboardProtectiveAssessmentTests
{
    [Fact]
    public async Task A_late_protective_assessment_is_counted_among_the_assessments_and_not_among_the_tasks()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new Caseworkers(host);
        var raised = await users.RaiseAsync();
        var id = raised.GetProperty("id").GetGuid();
        var due = (await users.ConcernAsync(id)).GetProperty("protectiveAssessmentDue").GetDateTimeOffset();
        host.Clock.AdvanceTo(due + TimeSpan.FromHours(2));

        var overdue = (await users.GetJsonAsync(SocialManager, "/api/overdue")).GetProperty("agencies").EnumerateArray().ToList();
        Assert.Contains(overdue.SelectMany(a => a.GetProperty("assessments").EnumerateArray()), a => a.GetProperty("concernId").GetGuid() == id && a.GetProperty("assessment").GetString() == "ProtectiveAssessment");
        Assert.DoesNotContain(overdue.SelectMany(a => a.GetProperty("tasks").EnumerateArray()), t => t.GetProperty("concernId").GetGuid() == id);

        using var manager = await InspectionsClient.BrowserAsync(host, SocialManager);
        var page = await DashboardPage.ReadAsync(manager, "/Dashboard");
        var socialServices = DashboardPage.Counts(page).Single(a => a.Key.StartsWith("Socialtjänsten", StringComparison.Ordinal)).Value;
        Assert.Equal(0, socialServices[0]);
        Assert.Equal(1, socialServices[1]);
    }
}
