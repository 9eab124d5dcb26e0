using Coordination.SyntheticCases;
using Coordination.Workflows.Persistence;
using MassTransit;

namespace Coordination.CrashHost.Agencies;

/// <summary>Tells the reporter a case closed, by recording a <see cref="ClosureNotice"/>.</summary>
public sealed class ReporterDesk(CoordinationDbContext db, TimeProvider clock) : IConsumer<CaseClosed>
{
    public Task Consume(ConsumeContext<CaseClosed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        db.Add(new ClosureNotice { Id = NewId.NextGuid(), CaseId = context.Message.CaseId, ReceivedAt = clock.GetUtcNow() });
        return Task.CompletedTask;
    }
}
