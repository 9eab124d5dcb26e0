using MassTransit;
using Microsoft.Extensions.Hosting;

namespace Coordination.Workflows.Runtime;

/// <summary>
/// A message that fails because the host is being torn down (its services disposed while its
/// endpoints stop) is cancelled, not faulted: MassTransit then neither retries it nor moves it
/// to the error queue. RabbitMQ keeps it for the next start; on the in-memory transport the
/// outbox relay replays it at the next start. Before, the in-memory transport went on handing a
/// stopping endpoint its queued messages, and each spent its whole retry policy (two minutes on
/// the timer endpoint) against the disposed provider while the stop waited (docs/testing.md).
/// </summary>
internal sealed class HostStoppingFilter(IHostApplicationLifetime lifetime) : IFilter<ConsumeContext>
{
    /// <summary>True for a failure that only a stopping host's torn-down services cause; retrying it cannot help.</summary>
    public static bool IsTornDown(Exception exception, IHostApplicationLifetime? lifetime) =>
        exception is ObjectDisposedException && lifetime is { ApplicationStopping.IsCancellationRequested: true };

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next.Send(context);
        }
        catch (Exception e) when (IsTornDown(e, lifetime))
        {
            throw new OperationCanceledException("The host is stopping; the message is left for the next start.", e, lifetime.ApplicationStopping);
        }
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("hostStopping");
    }
}
