using Coordination.Workflows.Runtime.Outbox;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>Which outbox rows the relay keeps in order among themselves (ADR 0010).</summary>
public sealed class RelayPartitionTests
{
    [Fact]
    public void Rows_of_one_workflow_instance_share_a_partition_whichever_message_wrote_them()
    {
        var instance = Guid.NewGuid();
        var first = Row(instance, inboxMessage: Guid.NewGuid());
        var second = Row(instance, inboxMessage: Guid.NewGuid());

        Assert.Equal(OutboxRelay.PartitionOf(first), OutboxRelay.PartitionOf(second));
        Assert.NotEqual(OutboxRelay.PartitionOf(first), OutboxRelay.PartitionOf(Row(Guid.NewGuid(), inboxMessage: Guid.NewGuid())));
    }

    [Fact]
    public void A_plain_consumer_keeps_its_transaction_in_order_and_requests_share_one_partition()
    {
        var consumed = Guid.NewGuid();
        Assert.Equal(OutboxRelay.PartitionOf(Row(null, consumed)), OutboxRelay.PartitionOf(Row(null, consumed)));
        Assert.NotEqual(OutboxRelay.PartitionOf(Row(null, consumed)), OutboxRelay.PartitionOf(Row(null, Guid.NewGuid())));
        Assert.Equal(OutboxRelay.PartitionOf(Row(null, null)), OutboxRelay.PartitionOf(Row(null, null)));
    }

    private static OutboxMessage Row(Guid? instance, Guid? inboxMessage) => new()
    {
        DestinationAddress = "loopback://localhost/queue",
        ContentType = "application/vnd.masstransit+json",
        MessageType = "urn:message:Test",
        Body = "{}",
        WorkflowInstanceId = instance,
        InboxMessageId = inboxMessage,
        InboxConsumerId = inboxMessage is null ? null : Guid.Empty,
    };
}
