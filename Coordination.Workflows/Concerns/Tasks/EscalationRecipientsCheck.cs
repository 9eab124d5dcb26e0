using Coordination.Contracts.Concerns;
using Coordination.Workflows.Escalation;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using MassTransit;

namespace Coordination.Workflows.Concerns.Tasks;

/// <summary>
/// An overdue task escalates to its agency's managers, and an overdue review is on the
/// coordinating agency's managers' list. An agency without a manager has nobody to see either,
/// so the escalation fails here (<see cref="EscalationRecipients"/>): after the retries it is an
/// <see cref="Incident"/> of the task or review for the municipality's administrators, who give
/// someone the manager role and retry it, which checks again. Names no case content: the
/// administrators who read incidents never read cases.
/// </summary>
public sealed class EscalationRecipientsCheck(CoordinationDbContext db) : IConsumer<AgencyTaskEscalated>, IConsumer<ReviewOverdue>
{
    public Task Consume(ConsumeContext<AgencyTaskEscalated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        return CheckAsync(context, message.TaskId, message.AgencyId, $"Task {message.TaskId}");
    }

    public Task Consume(ConsumeContext<ReviewOverdue> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        return CheckAsync(context, message.ReviewId, message.AgencyId, $"Follow-up review {message.Number} ({message.ReviewId}, due {EscalationRecipients.Due(message.DueAt)})");
    }

    private async Task CheckAsync(ConsumeContext context, Guid instanceId, Guid agencyId, string overdue)
    {
        try
        {
            await db.EnsureManagerAsync(agencyId, overdue, context.CancellationToken);
        }
        catch (NoManagerToEscalateToException)
        {
            // The incident belongs to the task or review, so its municipality's administrators see it.
            context.ReceiveContext.GetOrAddPayload(() => new FailedWorkflowInstance()).InstanceId = instanceId;
            throw;
        }
    }
}
