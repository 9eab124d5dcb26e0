using Coordination.Contracts.Operations;
using MassTransit;

namespace Coordination.Host.Operations;

/// <summary>Answers a <see cref="HostProbe"/>: operators and tests use it to prove this host consumes from the broker.</summary>
public sealed class HostProbeConsumer(TimeProvider clock) : IConsumer<HostProbe>
{
    public Task Consume(ConsumeContext<HostProbe> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RespondAsync(new HostProbeAnswered(
            context.Message.ProbeId, Environment.MachineName, Environment.ProcessId, clock.GetUtcNow()));
    }
}
