using Coordination.SyntheticCases;
using Coordination.Workflows.Persistence;
using MassTransit;

namespace Coordination.CrashHost.Agencies;

/// <summary>The agency's side: records each task it is given and accepts it at once.</summary>
public sealed class AgencyDesk(CoordinationDbContext db, TimeProvider clock) : IConsumer<TaskAssigned>
{
    public async Task Consume(ConsumeContext<TaskAssigned> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        db.Add(new AgencyTaskRecord
        {
            Id = NewId.NextGuid(),
            TaskId = context.Message.TaskId,
            CaseId = context.Message.CaseId,
            ReceivedAt = clock.GetUtcNow(),
        });
        await context.Publish(new AcceptTask(context.Message.TaskId));
    }
}
