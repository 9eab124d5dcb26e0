using Coordination.Workflows.Calendar;
using Coordination.Workflows.Inspections.Settings;

namespace Coordination.Workflows.Inspections;

/// <summary>The deadlines of Workflow B, from the municipality's settings and the working-day calendar.</summary>
public sealed class InspectionDeadlines(WorkingDayCalendar calendar)
{
    /// <summary>Three weeks to appeal a decision (förvaltningslagen 44 §), moved off weekends and holidays.</summary>
    public static readonly CalendarPeriod AppealPeriod = CalendarPeriod.OfWeeks(3);

    /// <summary>When an agency is reminded about, and must have answered, a participation request.</summary>
    public (DateTimeOffset RemindAt, DateTimeOffset DueAt) Participation(DateTimeOffset now, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return InWorkingDays(now, settings.ParticipationAnswerWorkingDays, settings.ParticipationReminderWorkingDays);
    }

    /// <summary>When the officer is reminded about, and must have sent, a visit's protocol.</summary>
    public (DateTimeOffset RemindAt, DateTimeOffset DueAt) Protocol(DateTimeOffset visitEnded, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return InWorkingDays(visitEnded, settings.ProtocolWorkingDays, settings.ProtocolReminderWorkingDays);
    }

    /// <summary>The licensee's reply deadline after kommunicering, counted in calendar days.</summary>
    public DateTimeOffset KommuniceringReply(DateTimeOffset sentAt, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return calendar.CalendarDeadline(sentAt, CalendarPeriod.OfDays(settings.KommuniceringReplyDays));
    }

    public DateTimeOffset AppealEnds(DateTimeOffset decidedAt) => calendar.CalendarDeadline(decidedAt, AppealPeriod);

    private (DateTimeOffset RemindAt, DateTimeOffset DueAt) InWorkingDays(DateTimeOffset from, int days, int remindDaysBefore)
    {
        var due = calendar.DeadlineInWorkingDays(from, days);
        var remind = days - remindDaysBefore >= 1
            ? calendar.DeadlineInWorkingDays(from, days - remindDaysBefore)
            : from + ((due - from) / 2);
        return (remind, due);
    }
}
