using Coordination.Workflows.Concerns.Access;
using Microsoft.AspNetCore.SignalR;

namespace Coordination.Host.Concerns.Live;

/// <summary>
/// The live task inbox: each connection joins one group per agency its user works on cases
/// in, and hears only of tasks offered to, reminded to or escalated in those agencies. Nothing personal is pushed: the page
/// fetches the new rows through the same query as the task list. A connection is closed when its
/// user's memberships change (<see cref="LiveConnections"/>), since its groups would not.
/// </summary>
internal sealed class TaskInboxHub(LiveConnections connections) : Hub
{
    public const string Path = "/hubs/tasks";

    /// <summary>The client method told that a task was offered to one of the user's agencies.</summary>
    public const string TaskOffered = "taskOffered";

    /// <summary>The client method told that a task of one of the user's agencies was reminded or escalated.</summary>
    public const string TaskReminded = "taskReminded";

    public static string Group(Guid agencyId) => $"agency:{agencyId:N}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User is { Identity.IsAuthenticated: true } user && connections.Add(Context))
        {
            foreach (var agency in user.Viewer().AllCaseAgencies())
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, Group(agency));
            }
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
