using Coordination.Workflows.Persistence;
using MassTransit;

namespace Coordination.Workflows.Inspections;

/// <summary>
/// The consume scope's database context and clock inside a state machine: what a workflow
/// writes there commits in the same transaction as its state and its timers.
/// </summary>
internal static class WorkflowContext
{
    public static CoordinationDbContext Db(this ConsumeContext context) => context.GetServiceOrCreateInstance<CoordinationDbContext>();

    public static DateTimeOffset Now(this ConsumeContext context) => context.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow();
}
