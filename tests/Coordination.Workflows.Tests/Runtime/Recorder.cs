using System.Collections.Concurrent;
using Coordination.Workflows.Tests.Runtime.Counter;
using Coordination.Workflows.Tests.Runtime.Reminders;
using MassTransit;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>What reached the broker and came back: the messages a downstream consumer would see.</summary>
public sealed class Recorder
{
    private readonly ConcurrentQueue<object> received = new();

    public void Add(object message) => received.Enqueue(message);

    public IReadOnlyList<T> Received<T>(Func<T, bool> predicate) => received.OfType<T>().Where(predicate).ToList();

    /// <summary>Polls until <paramref name="count"/> matching messages arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<T>> WaitFor<T>(Func<T, bool> predicate, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = Received(predicate);
            if (matching.Count >= count)
            {
                return matching;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Received {matching.Count} of {count} {typeof(T).Name} in time.");
            await Task.Delay(20);
        }
    }
}

public sealed class RecordingConsumer(Recorder recorder) :
    IConsumer<CounterStarted>,
    IConsumer<CounterChanged>,
    IConsumer<CounterTaskPinged>,
    IConsumer<NoteWritten>,
    IConsumer<ReminderFired>,
    IConsumer<Fault<IncrementCounter>>
{
    public Task Consume(ConsumeContext<CounterStarted> context) => Record(context.Message);

    public Task Consume(ConsumeContext<CounterChanged> context) => Record(context.Message);

    public Task Consume(ConsumeContext<CounterTaskPinged> context) => Record(context.Message);

    public Task Consume(ConsumeContext<NoteWritten> context) => Record(context.Message);

    public Task Consume(ConsumeContext<ReminderFired> context) => Record(context.Message);

    public Task Consume(ConsumeContext<Fault<IncrementCounter>> context) => Record(context.Message);

    private Task Record(object message)
    {
        recorder.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>One message at a time, so the recorder sees the order the relay delivered in.</summary>
public sealed class RecordingConsumerDefinition : ConsumerDefinition<RecordingConsumer>
{
    public RecordingConsumerDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RecordingConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = 1;
    }
}
