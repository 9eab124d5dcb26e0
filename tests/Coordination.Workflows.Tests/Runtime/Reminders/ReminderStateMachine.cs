using Microsoft.Extensions.DependencyInjection;
using MassTransit;

namespace Coordination.Workflows.Tests.Runtime.Reminders;

public sealed class ReminderStateMachine : MassTransitStateMachine<ReminderState>
{
    public ReminderStateMachine()
    {
        InstanceState(s => s.CurrentState);
        Event(() => Started, e => e.CorrelateById(m => m.Message.ReminderId));
        Event(() => Answered, e => e.CorrelateById(m => m.Message.ReminderId));
        Schedule(() => Reminder, s => s.ReminderTokenId, s => s.Received = e => e.CorrelateById(m => m.Message.ReminderId));

        Initially(
            When(Started)
                .Then(c => c.Saga.RepeatEveryTicks = c.Message.RepeatEvery?.Ticks ?? 0)
                .Schedule(Reminder, c => new ReminderDue(c.Saga.CorrelationId), c => c.Message.DueAt.UtcDateTime)
                .TransitionTo(Waiting));

        During(Waiting,
            When(Answered)
                .Unschedule(Reminder)
                .TransitionTo(Done),
            When(Reminder.Received)
                .Then(c => c.Saga.Fired++)
                .Publish(c => new ReminderFired(c.Saga.CorrelationId, c.Saga.Fired, c.GetPayload<IServiceProvider>().GetRequiredService<TimeProvider>().GetUtcNow()))
                .If(c => c.Saga.RepeatEveryTicks > 0, repeat => repeat
                    .Schedule(Reminder, c => new ReminderDue(c.Saga.CorrelationId), c => c.GetPayload<IServiceProvider>().GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime + TimeSpan.FromTicks(c.Saga.RepeatEveryTicks))));
    }

    public State Waiting { get; private set; } = null!;

    public State Done { get; private set; } = null!;

    public Event<StartReminding> Started { get; private set; } = null!;

    public Event<AnswerReminder> Answered { get; private set; } = null!;

    public Schedule<ReminderState, ReminderDue> Reminder { get; private set; } = null!;
}
