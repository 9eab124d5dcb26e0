using MassTransit;
using MassTransit.SagaStateMachine;

namespace Coordination.Workflows.Runtime.Diagrams;

/// <summary>
/// Walks a state machine's behaviours and records each <c>TransitionTo</c> with the state and
/// event it is declared under, including those inside <c>If</c>/<c>Catch</c> branches.
/// </summary>
/// <remarks>
/// MassTransit's own <c>GetGraph()</c> keeps one vertex per event, so an event handled in two
/// states loses which state leads where; this keeps the (from, event, to) triples.
/// </remarks>
internal sealed class TransitionCollector<TSaga> : StateMachineVisitor
    where TSaga : class, SagaStateMachineInstance
{
    private State? currentState;
    private Event? currentEvent;

    public HashSet<WorkflowDiagramTransition> Transitions { get; } = [];

    public void Visit(State state, Action<State> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        currentState = state;
        next(state);
    }

    public void Visit(Event @event, Action<Event> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        currentEvent = @event;
        next(@event);
    }

    public void Visit<TData>(Event<TData> @event, Action<Event<TData>> next)
        where TData : class
    {
        ArgumentNullException.ThrowIfNull(next);
        currentEvent = @event;
        next(@event);
    }

    public void Visit(IStateMachineActivity activity) => Visit(activity, _ => { });

    public void Visit(IStateMachineActivity activity, Action<IStateMachineActivity> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (activity is TransitionActivity<TSaga> transition && currentState is not null && currentEvent is not null)
        {
            Transitions.Add(new WorkflowDiagramTransition(currentState.Name, currentEvent.Name, transition.ToState.Name));
        }

        next(activity);
    }

    public void Visit<T>(IBehavior<T> behavior)
        where T : class, SagaStateMachineInstance => Visit(behavior, _ => { });

    public void Visit<T>(IBehavior<T> behavior, Action<IBehavior<T>> next)
        where T : class, SagaStateMachineInstance
    {
        ArgumentNullException.ThrowIfNull(next);
        next(behavior);
    }

    public void Visit<T, TData>(IBehavior<T, TData> behavior)
        where T : class, SagaStateMachineInstance
        where TData : class => Visit(behavior, _ => { });

    public void Visit<T, TData>(IBehavior<T, TData> behavior, Action<IBehavior<T, TData>> next)
        where T : class, SagaStateMachineInstance
        where TData : class
    {
        ArgumentNullException.ThrowIfNull(next);
        next(behavior);
    }
}
