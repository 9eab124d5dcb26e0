using Coordination.Contracts.Concerns;
using Coordination.Workflows.Escalation;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using MassTransit;

namespace Coordination.Workflows.Concerns.Tasks;

/// <summary>
/// An overdue task escalates to its agency's managers, an overdue review is on the
/// coordinating agency's managers' list, and a legal assessment past its limit on the list of
/// the municipality's social services' managers. An agency without a manager has nobody to see them,
/// so the escalation fails here (<see cref="EscalationRecipients"/>): after the retries it is an
/// <see cref="Incident"/> of the task, review or concern for the municipality's administrators, who give
/// someone the manager role and retry it, which checks again. Names no case content: the
/// administrators who read incidents never read cases.
/// </summary>
public sealed class EscalationRecipientsCheck(CoordinationDbContext db)
    : IConsumer<AgencyTaskEscalated>, IConsumer<ReviewOverdue>, IConsumer<LegalAssessmentOverdue>
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

    public Task Consume(ConsumeContext<LegalAssessmentOverdue> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        return CheckAsync(
            context,
            message.ConcernId,
            () => db.EnsureManagerAsync(
                message.MunicipalityId, AgencyKind.SocialServices,
                $"{message.Assessment} of concern {message.ConcernId} (due {EscalationRecipients.Due(message.DueAt)})", context.CancellationToken));
    }

    private Task CheckAsync(ConsumeContext context, Guid instanceId, Guid agencyId, string overdue) =>
        CheckAsync(context, instanceId, () => db.EnsureManagerAsync(agencyId, overdue, context.CancellationToken));

    private static async Task CheckAsync(ConsumeContext context, Guid instanceId, Func<Task> ensureManager)
    {
        try
        {
            await ensureManager();
        }
        catch (NoManagerToEscalateToException)
        {
            // The incident belongs to the task or review, so its municipality's administrators see it.
            context.ReceiveContext.GetOrAddPayload(() => new FailedWorkflowInstance()).InstanceId = instanceId;
            throw;
        }
    }
}
