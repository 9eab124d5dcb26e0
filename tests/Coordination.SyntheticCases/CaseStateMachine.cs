using MassTransit;

namespace Coordination.SyntheticCases;

/// <summary>Open → fan out three tasks → closed when all three are accepted.</summary>
public sealed class CaseStateMachine : MassTransitStateMachine<CaseState>
{
    public CaseStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Opened, e => e.CorrelateById(m => m.Message.CaseId));
        Event(() => TaskAccepted, e => e.CorrelateById(m => m.Message.CaseId).OnMissingInstance(m => m.Fault()));

        Initially(
            When(Opened)
                .Then(c => c.Saga.OpenTasks = c.Message.TaskIds.Length)
                .Publish(c => new AssignTask(c.Message.TaskIds[0], c.Saga.CorrelationId))
                .Publish(c => new AssignTask(c.Message.TaskIds[1], c.Saga.CorrelationId))
                .Publish(c => new AssignTask(c.Message.TaskIds[2], c.Saga.CorrelationId))
                .Publish(c => new CaseOpened(c.Saga.CorrelationId))
                .TransitionTo(Open));

        During(Open,
            When(TaskAccepted)
                .Then(c => c.Saga.OpenTasks--)
                .If(c => c.Saga.OpenTasks == 0, closing => closing
                    .Publish(c => new CaseClosed(c.Saga.CorrelationId))
                    .TransitionTo(Closed)));
    }

    public State Open { get; private set; } = null!;

    public State Closed { get; private set; } = null!;

    public Event<OpenCase> Opened { get; private set; } = null!;

    public Event<TaskAccepted> TaskAccepted { get; private set; } = null!;
}
