using Coordination.Contracts.Concerns;
using Coordination.Host.Tests.Security;
using Coordination.Workflows.Concerns.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// A police officer's open task inbox hears when a task of the police is reminded, as it hears of
/// a new one, and reads its lists again: the reminder is shown without reloading the page.
/// </summary>
public sealed class LiveInboxReminderTests
{
    [Fact]
    public async Task An_open_inbox_hears_that_a_task_of_its_agency_was_reminded()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        await using var inbox = await InboxSocket.OpenAsync(host, await InboxSocket.CookieAsync(host, PoliceInbox.Police));
        var concern = await CaseJourney.RaiseAsync(host, users);
        await CaseJourney.ShareAsync(users, concern, "Police");
        Assert.Contains("taskOffered", await NextFrameAsync(host, inbox) ?? "(closed)", StringComparison.Ordinal);
        var task = await host.WithDatabaseAsync(db => db.Set<AgencyTaskState>().Where(t => t.ConcernId == concern && t.Kind == AgencyTaskKind.JointWork).Select(t => t.CorrelationId).SingleAsync());

        host.Clock.Advance(TimeSpan.FromDays(1));

        var frame = await NextFrameAsync(host, inbox) ?? "(closed)";
        Assert.Contains("\"target\":\"taskReminded\"", frame, StringComparison.Ordinal);
        Assert.Contains(task.ToString("D"), frame, StringComparison.Ordinal);
    }

    /// <summary>The inbox's next frame, or null once closed, while the test clock runs on (the relay and the timers follow it).</summary>
    private static async Task<string?> NextFrameAsync(SecurityHost host, InboxSocket inbox)
    {
        var next = inbox.NextFrameAsync();
        await host.Clock.TickUntilAsync(() => Task.FromResult(next.IsCompleted));
        return await next;
    }
}
