using Coordination.Workflows.Persistence;
using Coordination.Workflows.Runtime.Inbox;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Workflows.Runtime.Outbox;

/// <summary>
/// The consume context a consumer or saga sees inside the outbox: its sends and publishes
/// become <see cref="OutboxMessage"/> rows, and completing the message records it in the inbox,
/// all in the transaction <see cref="TransactionalOutboxContextFactory"/> opened.
/// </summary>
/// <remarks>
/// MassTransit's <see cref="OutboxMessagePipe{TMessage}"/> drives this context. Delivery is
/// the relay's job, never the consume pipeline's, so the outbox always reports itself delivered:
/// a message already in the inbox is then acknowledged without running the consumer again.
/// </remarks>
internal sealed class TransactionalOutboxConsumeContext<TMessage>(
    ConsumeContext<TMessage> context,
    OutboxConsumeOptions options,
    IServiceProvider provider,
    CoordinationDbContext db,
    TimeProvider clock,
    Guid inboxMessageId,
    bool alreadyConsumed,
    OutboxPartition? partition = null) :
    OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TMessage : class
{
    private readonly Lock gate = new();

    /// <summary>True once this delivery has recorded the message in the inbox: the transaction may commit.</summary>
    public bool ConsumedNow { get; private set; }

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => alreadyConsumed || ConsumedNow;

    public override bool IsOutboxDelivered => true;

    public override int ReceiveCount => this.GetRetryAttempt() + 1;

    public override long? LastSequenceNumber => null;

    private bool inboxRowAdded;

    /// <summary>
    /// Adds this delivery's inbox row before the consumer runs, so the saga's save writes it in
    /// the same round trip as the state change; a failure rolls it back with everything else.
    /// </summary>
    public void AddInboxRow()
    {
        if (inboxRowAdded)
        {
            return;
        }

        db.Add(new InboxState
        {
            MessageId = inboxMessageId,
            ConsumerId = ConsumerId,
            ConsumerType = Options.ConsumerType,
            ConsumedAt = clock.GetUtcNow(),
        });
        inboxRowAdded = true;
    }

    public override async Task SetConsumed()
    {
        AddInboxRow();
        try
        {
            await db.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseConflicts.IsConflict(e))
        {
            // Another delivery of the same message committed first; the retry will find its inbox row.
            throw new ConcurrencyException(
                $"Message {inboxMessageId} was consumed concurrently by {Options.ConsumerType}.", typeof(InboxState), inboxMessageId, e);
        }

        ConsumedNow = true;
    }

    public override Task SetDelivered() => Task.CompletedTask;

    public override Task<List<OutboxMessageContext>> LoadOutboxMessages() => Task.FromResult(new List<OutboxMessageContext>());

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message) => Task.CompletedTask;

    public override Task RemoveOutboxMessages() => Task.CompletedTask;

    public override Task AddSend<T>(SendContext<T> context)
    {
        var row = OutboxMessageFactory.Create(context, clock.GetUtcNow(), inboxMessageId, ConsumerId, partition?.WorkflowInstanceId);
        lock (gate)
        {
            db.Add(row);
        }

        return Task.CompletedTask;
    }
}
