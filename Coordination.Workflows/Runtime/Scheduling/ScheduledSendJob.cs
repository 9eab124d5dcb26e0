using MassTransit;
using Quartz;

namespace Coordination.Workflows.Runtime.Scheduling;

/// <summary>
/// Fires a scheduled message: sends it to its destination with the scheduling token, so the
/// state machine can tell the current timer from a stale one. A crash after the send and
/// before Quartz records completion fires it again with the same MessageId; the inbox makes
/// that second delivery harmless.
/// </summary>
internal sealed class ScheduledSendJob(IBus bus) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scheduled = ScheduledSend.FromJobData(context.MergedJobDataMap);
        var (message, type) = scheduled.Deserialize();
        var endpoint = await bus.GetSendEndpoint(scheduled.Destination);
        await endpoint.Send(message, type, send =>
        {
            send.MessageId = scheduled.MessageId;
            send.Headers.Set(MessageHeaders.SchedulingTokenId, scheduled.TokenId.ToString("D"));
        }, cancellationToken);
    }
}
