using Coordination.Contracts.Concerns;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Incidents;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Concerns.Tasks;

/// <summary>
/// An overdue task escalates to its agency's managers, who see it in their overdue list. An
/// agency without a manager has nobody to see it, so the escalation fails here: after the
/// retries it is an <see cref="Incident"/> of the task for the municipality's administrators,
/// who give someone the manager role and retry it, which checks again.
/// </summary>
public sealed class EscalationRecipientsCheck(CoordinationDbContext db) : IConsumer<AgencyTaskEscalated>
{
    public async Task Consume(ConsumeContext<AgencyTaskEscalated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (await db.Memberships.AnyAsync(m => m.AgencyId == message.AgencyId && m.Role == MembershipRole.Manager, context.CancellationToken))
        {
            return;
        }

        // The incident belongs to the task, so its municipality's administrators see it.
        context.ReceiveContext.GetOrAddPayload(() => new FailedWorkflowInstance()).InstanceId = message.TaskId;
        throw new NoManagerToEscalateToException(message.TaskId, message.AgencyId);
    }
}

/// <summary>An overdue task's agency has no manager to escalate it to.</summary>
public sealed class NoManagerToEscalateToException : Exception
{
    public NoManagerToEscalateToException(Guid taskId, Guid agencyId)
        : base($"Task {taskId} is overdue and was escalated to the managers of agency {agencyId}, which has none: nobody sees it in an overdue list. "
            + "Give a member of the agency the manager role (Admin/Users), then retry this incident.")
    {
    }

    public NoManagerToEscalateToException()
    {
    }

    public NoManagerToEscalateToException(string message)
        : base(message)
    {
    }

    public NoManagerToEscalateToException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
