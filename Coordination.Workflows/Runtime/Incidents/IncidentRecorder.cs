using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coordination.Workflows.Runtime.Incidents;

/// <summary>
/// In the endpoint's error pipe, which runs once a message has failed every retry: records an
/// <see cref="Incident"/> in a transaction of its own (the consumer's rolled back) before
/// MassTransit publishes <see cref="Fault{T}"/> and moves the message to the error queue.
/// </summary>
internal sealed partial class IncidentRecorder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IncidentRecorder> logger) :
    IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await RecordAsync(context);
        await next.Send(context);
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("incidents");
    }

    private async Task RecordAsync(ExceptionReceiveContext context)
    {
        context.TryGetPayload<FailedWorkflowInstance>(out var failed);
        var body = System.Text.Encoding.UTF8.GetString(context.Body.GetBytes());
        var envelope = MessageEnvelope.Read(body);

        // A state machine wraps what its activity threw, once per event it raised (a timer's event
        // raises its Received event): the operator needs the innermost exception's type and text.
        var error = context.Exception;
        string? why = null;
        while (error is EventExecutionException { InnerException: { } inner } wrapped)
        {
            why ??= wrapped.Message;
            error = inner;
        }

        var incident = Incident.Open(
            context.InputAddress.ToString(),
            failed?.InstanceId ?? envelope.CorrelationId,
            context.GetMessageId(),
            envelope.ConversationId,
            envelope.MessageType,
            context.ContentType?.ToString() ?? "application/vnd.masstransit+json",
            body,
            error,
            clock.GetUtcNow(),
            why);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoordinationDbContext>();

            // The same message failing again before an operator acted on it (a replay after a
            // restart on the in-memory transport, or a redelivery) is the same incident.
            if (await db.Set<Incident>().AnyAsync(
                    i => i.MessageId == incident.MessageId && i.Endpoint == incident.Endpoint && i.Status == IncidentStatus.Open, CancellationToken.None))
            {
                return;
            }

            db.Add(incident);
            await db.SaveChangesAsync(CancellationToken.None);
            LogRecorded(incident.Id, incident.MessageId, incident.Endpoint, incident.ExceptionType);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The message still reaches the error queue; only the incident row is missing.
            LogNotRecorded(e, incident.MessageId, incident.Endpoint);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId}: message {MessageId} on {Endpoint} failed after every retry ({ExceptionType})")]
    private partial void LogRecorded(Guid incidentId, Guid? messageId, string endpoint, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Endpoint} failed after every retry, and its incident could not be recorded")]
    private partial void LogNotRecorded(Exception exception, Guid? messageId, string endpoint);
}
