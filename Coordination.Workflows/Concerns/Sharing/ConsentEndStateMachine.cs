using Coordination.Contracts.Concerns;
using MassTransit;

namespace Coordination.Workflows.Concerns.Sharing;

/// <summary>
/// A consent valid until a date: at the start of the day after, it ends as a withdrawal does
/// (<see cref="ConsentEnd.EndAsync"/>): sharing under it stops and the tasks of agencies no other
/// basis covers are cancelled. Withdrawn before, or ended by the concern's close, its timer is
/// cancelled and nothing fires.
/// </summary>
public sealed class ConsentEndStateMachine : MassTransitStateMachine<ConsentEndState>
{
    public ConsentEndStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => EndSet, e => e.CorrelateById(m => m.Message.BasisId));
        Event(() => Withdrawn, e =>
        {
            e.CorrelateById(m => m.Message.BasisId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => ConcernClosed, e =>
        {
            e.CorrelateBy((s, m) => s.ConcernId == m.Message.ConcernId);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => End, s => s.EndToken, s => s.Received = r => r.CorrelateById(m => m.Message.BasisId));

        Initially(
            When(EndSet)
                .Then(c =>
                {
                    c.Saga.ConcernId = c.Message.ConcernId;
                    c.Saga.EndsAt = c.Message.EndsAt;
                })
                .Schedule(End, c => new ConsentEndDue(c.Saga.CorrelationId), c => c.Message.EndsAt.UtcDateTime)
                .TransitionTo(Running));

        During(Running,
            When(End.Received)
                .Then(c => c.Saga.EndToken = null)
                .ThenAsync(c => ConsentEnd.EndAsync(c, c.Saga.CorrelationId))
                .Finalize(),
            When(Withdrawn)
                .Unschedule(End)
                .Finalize(),
            When(ConcernClosed)
                .Unschedule(End)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    /// <summary>The consent is valid; its end is scheduled.</summary>
    public State Running { get; private set; } = null!;

    public Event<ConsentEndSet> EndSet { get; private set; } = null!;

    public Event<SharingBasisWithdrawn> Withdrawn { get; private set; } = null!;

    public Event<ConcernClosed> ConcernClosed { get; private set; } = null!;

    public Schedule<ConsentEndState, ConsentEndDue> End { get; private set; } = null!;
}
