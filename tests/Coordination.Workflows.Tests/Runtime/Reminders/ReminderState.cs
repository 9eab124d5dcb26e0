using MassTransit;

namespace Coordination.Workflows.Tests.Runtime.Reminders;

/// <summary>A saga used only by the scheduling tests: a reminder that can be answered, or repeats.</summary>
public sealed class ReminderState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid? ReminderTokenId { get; set; }

    public long RepeatEveryTicks { get; set; }

    public int Fired { get; set; }
}
