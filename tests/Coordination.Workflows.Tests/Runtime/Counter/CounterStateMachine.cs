using Coordination.Workflows.Runtime.Sagas;
using MassTransit;

namespace Coordination.Workflows.Tests.Runtime.Counter;

public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Started, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Incremented, e => e.CorrelateToExisting(m => m.Message.CounterId));
        Event(() => TaskPinged, e => e.CorrelateBy((s, m) => s.TaskId == m.Message.TaskId));

        Initially(
            When(Started)
                .Then(c => c.Saga.TaskId = c.Message.TaskId)
                .Publish(c => new CounterStarted(c.Saga.CorrelationId))
                .TransitionTo(Counting));

        During(Counting,
            When(Incremented)
                .Then(c => c.Saga.Count++)
                .Publish(c => new CounterChanged(c.Saga.CorrelationId, c.Saga.Count))
                .Then(c => c.GetServiceOrCreateInstance<FaultSwitch>().ThrowIfOn()),
            When(TaskPinged)
                .Then(c => c.Saga.Pings++)
                .Publish(c => new CounterTaskPinged(c.Saga.CorrelationId, c.Saga.Pings)));
    }

    public State Counting { get; private set; } = null!;

    public Event<StartCounter> Started { get; private set; } = null!;

    public Event<IncrementCounter> Incremented { get; private set; } = null!;

    public Event<PingCounterTask> TaskPinged { get; private set; } = null!;
}
