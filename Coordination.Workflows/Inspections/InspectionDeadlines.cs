using Coordination.Workflows.Calendar;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Persistence;

namespace Coordination.Workflows.Inspections;

/// <summary>
/// The deadlines of Workflow B, from the municipality's inspection settings and its working-day
/// calendar: the office hours, whether limits counted in calendar days move off weekends and
/// holidays, and its own closing days, kept with the routing rules (<see cref="CalendarAsync"/>)
/// so that both workflows of a municipality count days alike.
/// </summary>
public static class InspectionDeadlines
{
    /// <summary>The municipality's working-day calendar, as its routing rules in force set it.</summary>
    public static async Task<WorkingDayCalendar> CalendarAsync(CoordinationDbContext db, Guid municipalityId, CancellationToken cancellationToken = default) =>
        (await db.CurrentAsync(municipalityId, cancellationToken)).Rules.Calendar();

    /// <summary>Three weeks to appeal a decision (förvaltningslagen 44 §), moved off weekends and holidays.</summary>
    public static readonly CalendarPeriod AppealPeriod = CalendarPeriod.OfWeeks(3);

    /// <summary>When an agency is reminded about, and must have answered, a participation request.</summary>
    public static (DateTimeOffset RemindAt, DateTimeOffset DueAt) Participation(WorkingDayCalendar calendar, DateTimeOffset now, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return InWorkingDays(calendar, now, settings.ParticipationAnswerWorkingDays, settings.ParticipationReminderWorkingDays);
    }

    /// <summary>When the officer is reminded about, and must have sent, a visit's protocol.</summary>
    public static (DateTimeOffset RemindAt, DateTimeOffset DueAt) Protocol(WorkingDayCalendar calendar, DateTimeOffset visitEnded, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return InWorkingDays(calendar, visitEnded, settings.ProtocolWorkingDays, settings.ProtocolReminderWorkingDays);
    }

    /// <summary>
    /// The licensee's reply deadline after kommunicering, counted in calendar days: the end of its
    /// last day, since a reply that arrives that evening is in time and the board may not decide
    /// before it could have come (<see cref="WorkingDayCalendar.ArrivalDeadline"/>).
    /// </summary>
    public static DateTimeOffset KommuniceringReply(WorkingDayCalendar calendar, DateTimeOffset sentAt, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(settings);
        return calendar.ArrivalDeadline(sentAt, CalendarPeriod.OfDays(settings.KommuniceringReplyDays));
    }

    /// <summary>The end of the appeal window: the end of its last day, when an appeal arriving that day is in time.</summary>
    public static DateTimeOffset AppealEnds(WorkingDayCalendar calendar, DateTimeOffset decidedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.ArrivalDeadline(decidedAt, AppealPeriod);
    }

    private static (DateTimeOffset RemindAt, DateTimeOffset DueAt) InWorkingDays(WorkingDayCalendar calendar, DateTimeOffset from, int days, int remindDaysBefore)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var due = calendar.DeadlineInWorkingDays(from, days);
        var remind = days - remindDaysBefore >= 1
            ? calendar.DeadlineInWorkingDays(from, days - remindDaysBefore)
            : from + ((due - from) / 2);
        return (remind, due);
    }
}
