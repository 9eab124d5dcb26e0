using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Coordination.Bench.References;

/// <summary>
/// The broker's own limit on this machine: persistent messages into a durable queue, published
/// with confirms, consumed with acks, with RabbitMQ.Client and nothing of ours in between.
/// </summary>
public static class RabbitMqReference
{
    /// <summary>About the size of a MassTransit envelope of one of the workload's messages.</summary>
    private const int BodyBytes = 1024;

    /// <summary>Publishes awaiting their confirm at once, as a bus with many senders would have.</summary>
    private const int OutstandingConfirms = 100;

    public static async Task<RabbitMqResult> RunAsync(Uri broker, int messages)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await using var consumer = await connection.CreateChannelAsync();
        var queue = $"bench-raw-{Guid.NewGuid():N}";
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumer.BasicQosAsync(0, OutstandingConfirms * 2, false);

        var received = 0;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, delivery) =>
        {
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref received) == messages)
            {
                allReceived.TrySetResult();
            }
        };
        await consumer.BasicConsumeAsync(queue, autoAck: false, handler);

        var body = new byte[BodyBytes];
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        using var window = new SemaphoreSlim(OutstandingConfirms);
        var confirms = new List<Task>(messages);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            await window.WaitAsync();
            confirms.Add(Publish());
        }

        await Task.WhenAll(confirms);
        var published = clock.Elapsed.TotalSeconds;
        await allReceived.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var seconds = clock.Elapsed.TotalSeconds;
        await publisher.QueueDeleteAsync(queue);
        return new RabbitMqResult(messages, published, seconds);

        async Task Publish()
        {
            try
            {
                await publisher.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, body);
            }
            finally
            {
                window.Release();
            }
        }
    }
}
