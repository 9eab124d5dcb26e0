namespace Coordination.Workflows.Tests.Runtime.Reminders;

public sealed record StartReminding(Guid ReminderId, DateTimeOffset DueAt, TimeSpan? RepeatEvery = null);

public sealed record AnswerReminder(Guid ReminderId);

public sealed record ReminderDue(Guid ReminderId);

public sealed record ReminderFired(Guid ReminderId, int Fired, DateTimeOffset At);
