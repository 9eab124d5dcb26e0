using Coordination.Contracts.Concerns;
using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace Coordination.Host.Concerns.Live;

/// <summary>
/// Tells the open inboxes of the task's agency, on this instance, that a task arrived, or that its
/// agency was reminded of it or it went to the managers: the rows say so, so the page reads them again.
/// </summary>
internal sealed class TaskInboxPush(IHubContext<TaskInboxHub> hub) : IConsumer<TaskOpened>, IConsumer<AgencyTaskReminded>, IConsumer<AgencyTaskEscalated>
{
    public Task Consume(ConsumeContext<TaskOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Tell(context.Message.AgencyId, TaskInboxHub.TaskOffered, context.Message.TaskId, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<AgencyTaskReminded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Tell(context.Message.AgencyId, TaskInboxHub.TaskReminded, context.Message.TaskId, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<AgencyTaskEscalated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Tell(context.Message.AgencyId, TaskInboxHub.TaskReminded, context.Message.TaskId, context.CancellationToken);
    }

    private Task Tell(Guid agencyId, string method, Guid taskId, CancellationToken cancellationToken) =>
        hub.Clients.Group(TaskInboxHub.Group(agencyId)).SendAsync(method, taskId.ToString("D"), cancellationToken);
}
