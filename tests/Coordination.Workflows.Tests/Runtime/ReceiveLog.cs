using System.Collections.Concurrent;
using Coordination.Testing;
using MassTransit;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>Counts started and finished receives by message id, whether consumed, skipped as a duplicate or faulted.</summary>
public sealed class ReceiveLog : IReceiveObserver
{
    private readonly ConcurrentDictionary<Guid, int> started = new();
    private readonly ConcurrentDictionary<Guid, int> finished = new();

    /// <summary>Until the transport has handed the message to the endpoint (its retries, if any, run after this).</summary>
    public Task WaitForReceiveStarted(Guid messageId) =>
        Poll.UntilAsync(() => Task.FromResult(started.ContainsKey(messageId)), TimeSpan.FromSeconds(30), $"message {messageId} received");

    public Task WaitForReceives(Guid messageId, int count, TimeSpan? timeout = null) =>
        Poll.UntilAsync(
            () => Task.FromResult(finished.GetValueOrDefault(messageId)), n => n >= count, timeout ?? TimeSpan.FromSeconds(30),
            $"message {messageId} to finish {count} receives (last seen: how many had)");

    public Task PreReceive(ReceiveContext context) => Count(started, context);

    public Task PostReceive(ReceiveContext context) => Count(finished, context);

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Count(finished, context);

    private static Task Count(ConcurrentDictionary<Guid, int> counts, ReceiveContext context)
    {
        if (context.GetMessageId() is { } id)
        {
            counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }
}
