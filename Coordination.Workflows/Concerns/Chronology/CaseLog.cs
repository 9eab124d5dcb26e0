using Coordination.Workflows.Persistence;
using MassTransit;

namespace Coordination.Workflows.Concerns.Chronology;

/// <summary>Lets a state machine add to the chronology in the same transaction as its state change.</summary>
internal static class CaseLog
{
    public static void Write(ConsumeContext context, CaseEvent entry) =>
        context.GetServiceOrCreateInstance<CoordinationDbContext>().Add(entry);

    public static DateTimeOffset Now(ConsumeContext context) =>
        context.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow();
}
