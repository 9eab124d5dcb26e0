using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace Coordination.Host.Concerns.Live;

/// <summary>Tells the open inboxes of the task's agency, on this instance, that a task arrived.</summary>
internal sealed class TaskInboxPush(IHubContext<TaskInboxHub> hub) : IConsumer<TaskOpened>
{
    public Task Consume(ConsumeContext<TaskOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return hub.Clients.Group(TaskInboxHub.Group(context.Message.AgencyId))
            .SendAsync(TaskInboxHub.TaskOffered, context.Message.TaskId.ToString("D"), context.CancellationToken);
    }
}
