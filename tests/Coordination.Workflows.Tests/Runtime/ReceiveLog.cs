using System.Collections.Concurrent;
using MassTransit;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>Counts finished receives by message id, whether consumed, skipped as a duplicate or faulted.</summary>
public sealed class ReceiveLog : IReceiveObserver
{
    private readonly ConcurrentDictionary<Guid, int> finished = new();

    public async Task WaitForReceives(Guid messageId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (finished.GetValueOrDefault(messageId) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Message {messageId} finished {finished.GetValueOrDefault(messageId)} of {count} receives in time.");
            await Task.Delay(20);
        }
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Finished(context);

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Finished(context);

    private Task Finished(ReceiveContext context)
    {
        if (context.GetMessageId() is { } id)
        {
            finished.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }
}
