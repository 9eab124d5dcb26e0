using MassTransit;
using Microsoft.Extensions.Hosting;

namespace Coordination.Workflows.Runtime;

/// <summary>
/// While the host stops, a message is no longer started and a failed attempt is no longer
/// retried: it is cancelled, not faulted, so MassTransit neither retries it nor moves it to the
/// error queue. RabbitMQ keeps it for the next start; on the in-memory transport the outbox relay
/// replays it at the next start. An attempt already running when the stop begins may finish
/// (until <see cref="RuntimeOptions.ConsumerStopTimeout"/>).
/// </summary>
/// <remarks>
/// Before, the in-memory transport went on handing a stopping endpoint its queued messages, and
/// each spent its whole retry policy (two minutes on the timer endpoint) while the stop waited,
/// then went to the error queue: against the disposed provider of a torn-down test host, and
/// just as much in a plain stop while Quartz's store was failing (docs/testing.md).
/// </remarks>
internal sealed class HostStoppingFilter(IHostApplicationLifetime lifetime) : IFilter<ConsumeContext>
{
    private const string LeftForNextStart = "The host is stopping; the message is left for the next start.";

    /// <summary>True once the host has begun to stop: retrying a failed attempt then only delays the stop.</summary>
    public static bool IsStopping(IHostApplicationLifetime? lifetime) =>
        lifetime is { ApplicationStopping.IsCancellationRequested: true };

    /// <summary>Makes a retry policy give up on any failure once the host has begun to stop; this filter then cancels the message.</summary>
    public static void IgnoreWhileStopping(IRetryConfigurator retry, IHostApplicationLifetime? lifetime) =>
        retry.Ignore<Exception>(_ => IsStopping(lifetime));

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (IsStopping(lifetime))
        {
            throw new OperationCanceledException(LeftForNextStart, lifetime.ApplicationStopping);
        }

        try
        {
            await next.Send(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && IsStopping(lifetime))
        {
            throw new OperationCanceledException(LeftForNextStart, e, lifetime.ApplicationStopping);
        }
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("hostStopping");
    }
}
