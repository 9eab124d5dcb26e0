using System.Text.Json;
using System.Text.Json.Serialization;
using Coordination.Workflows.Calendar;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Identity;

namespace Coordination.Workflows.Concerns.Routing;

/// <summary>
/// A municipality's settings for concerns: which agencies take part for which categories,
/// deadlines, reminder and escalation intervals, the review interval and the age band.
/// Administrators change them; every change is a new version (<see cref="RoutingRuleSet"/>).
/// </summary>
public sealed record RoutingRules
{
    /// <summary>
    /// How the rules are written in the database and in the API: agencies and categories by one
    /// name each, and a setting or category given twice is refused rather than the last one kept.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new SingleNameEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>The rules a municipality has until an administrator changes them.</summary>
    public static RoutingRules Default { get; } = new();

    public Dictionary<ConcernCategory, List<AgencyKind>> AgenciesByCategory { get; init; } = new()
    {
        [ConcernCategory.CrimeRisk] = [AgencyKind.Police, AgencyKind.School],
        [ConcernCategory.Drugs] = [AgencyKind.Police, AgencyKind.School],
        [ConcernCategory.Violence] = [AgencyKind.Police, AgencyKind.School],
        [ConcernCategory.CriminalNetworkRecruitment] = [AgencyKind.Police, AgencyKind.School, AgencyKind.Leisure],
        [ConcernCategory.Truancy] = [AgencyKind.School],
        [ConcernCategory.Alcohol] = [AgencyKind.Police, AgencyKind.Leisure],
        [ConcernCategory.HomeSituation] = [AgencyKind.School],
    };

    /// <summary>Working days an agency has to accept or decline a task.</summary>
    public int TaskAnswerWorkingDays { get; init; } = 3;

    /// <summary>How often an unanswered task's agency is reminded.</summary>
    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Days before a task's deadline from which its agency is reminded: the first reminder comes one
    /// <see cref="ReminderInterval"/> after the offer, but no earlier than this. A joint-work answer
    /// due in a few working days is reminded from the next day as before; a plan action due in
    /// months only in its last week, not daily from the day it was agreed. 0: no reminder before the deadline.
    /// </summary>
    public int TaskReminderDaysBefore { get; init; } = 7;

    /// <summary>How long after its deadline an unanswered task goes to the agency's managers.</summary>
    public TimeSpan EscalationAfterDue { get; init; } = TimeSpan.Zero;

    /// <summary>Months between follow-up reviews of a commitment plan.</summary>
    public int ReviewIntervalMonths { get; init; } = 6;

    /// <summary>Days before a review is due that the coordinator is reminded.</summary>
    public int ReviewReminderDaysBefore { get; init; } = 14;

    /// <summary>The youngest age the joint work (SSPF) covers.</summary>
    public int AgeBandFrom { get; init; } = 12;

    /// <summary>The oldest age the joint work covers.</summary>
    public int AgeBandTo { get; init; } = 21;

    /// <summary>When the working day ends: a concern raised later gets its protective assessment due the next working day.</summary>
    public TimeOnly OfficeHoursEnd { get; init; } = new(16, 0);

    /// <summary>Working days social services have to give the reporter feedback after the decision.</summary>
    public int FeedbackWorkingDays { get; init; } = 5;

    /// <summary>
    /// Working days before a legal limit (preliminary assessment, investigation) from which the
    /// managers see the assessment as near its limit, so that it is done in time, not chased after;
    /// 0: no early warning, an assessment is listed once it is past its limit.
    /// </summary>
    public int NearLimitWorkingDays { get; init; } = 3;

    /// <summary>
    /// Whether a limit counted in calendar days or months (the preliminary assessment's 14 days, the
    /// investigation's 4 months) that ends on a weekend, public holiday, Midsummer Eve, Christmas Eve
    /// or New Year's Eve moves to the next working day (lag 1930:173); on unless turned off.
    /// </summary>
    public bool MoveCalendarDeadlinesToNextWorkingDay { get; init; } = true;

    /// <summary>
    /// The municipality's own closing days (e.g. a bridge day): skipped when counting working days,
    /// like a holiday, but they do not move a limit counted in calendar days.
    /// </summary>
    public List<DateOnly> LocalClosingDays { get; init; } = [];

    /// <summary>At most this many local closing days are kept.</summary>
    public const int MaxLocalClosingDays = 100;

    public WorkingDayCalendar Calendar() => new(new WorkingDayCalendarOptions
    {
        OfficeHoursEnd = OfficeHoursEnd,
        MoveCalendarDeadlinesToNextWorkingDay = MoveCalendarDeadlinesToNextWorkingDay,
        ExtraClosedDates = LocalClosingDays ?? [],
    });

    /// <summary>When an agency must have answered a task routed to it at <paramref name="routedAt"/>.</summary>
    public DateTimeOffset TaskAnswerDue(DateTimeOffset routedAt) => Calendar().DeadlineInWorkingDays(routedAt, TaskAnswerWorkingDays);

    /// <summary>
    /// The agency kinds that take part for these categories, social services excepted (it
    /// coordinates), and agencies of inspections only too, should a version saved before they were
    /// refused name one: no legal basis could share the concern with them.
    /// </summary>
    public IReadOnlyList<AgencyKind> PartiesFor(IEnumerable<ConcernCategory> categories) =>
        categories.SelectMany(c => AgenciesByCategory.TryGetValue(c, out var kinds) ? kinds : [])
            .Where(k => k != AgencyKind.SocialServices && ConcernAgencies.Includes(k))
            .Distinct()
            .Order()
            .ToList();

    /// <summary>Problems keyed by the setting's name; empty when the rules can be used.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        }

        Check(
            AgenciesByCategory is not null && Enum.GetValues<ConcernCategory>().All(c => AgenciesByCategory.TryGetValue(c, out var kinds) && kinds is not null),
            "agenciesByCategory",
            "Every category needs a list of agencies (it may be empty).");
        foreach (var (category, kinds) in AgenciesByCategory ?? [])
        {
            // The parties a case page suggests sharing with: social services hold every concern, and
            // the licensing unit, the rescue service and the tax agency take part in inspections only.
            var field = $"agenciesByCategory.{category}";
            var inspecting = kinds?.Where(k => !ConcernAgencies.Includes(k)).ToList() ?? [];
            if (kinds?.Contains(AgencyKind.SocialServices) == true)
            {
                Check(false, field, "Social services hold every concern; list the agencies that take part with them: the school, the police or leisure.");
            }
            else if (inspecting.Count > 0)
            {
                Check(false, field, $"{inspecting[0]} takes part in inspections, not in the joint work on concerns; list the school, the police or leisure.");
            }
        }

        Check(TaskAnswerWorkingDays is >= 1 and <= 60, "taskAnswerWorkingDays", "Between 1 and 60 working days.");
        // Upper bounds too: a timer due past the calendar's end cannot be set, and a task whose
        // reminder cannot be scheduled is a task never created.
        Check(ReminderInterval >= TimeSpan.FromHours(1) && ReminderInterval <= TimeSpan.FromDays(30), "reminderInterval", "Between one hour and 30 days.");
        Check(TaskReminderDaysBefore is >= 0 and <= 365, "taskReminderDaysBefore", "Between 0 and 365 days.");
        Check(EscalationAfterDue >= TimeSpan.Zero && EscalationAfterDue <= TimeSpan.FromDays(60), "escalationAfterDue", "Between zero and 60 days.");
        Check(ReviewIntervalMonths is >= 1 and <= 24, "reviewIntervalMonths", "Between 1 and 24 months.");
        Check(ReviewReminderDaysBefore is >= 0 and <= 90, "reviewReminderDaysBefore", "Between 0 and 90 days.");
        Check(AgeBandFrom is >= 0 and <= 25, "ageBandFrom", "Between 0 and 25.");
        Check(AgeBandTo >= AgeBandFrom && AgeBandTo <= 25, "ageBandTo", "At least ageBandFrom and at most 25.");
        Check(FeedbackWorkingDays is >= 1 and <= 60, "feedbackWorkingDays", "Between 1 and 60 working days.");
        Check(NearLimitWorkingDays is >= 0 and <= 20, "nearLimitWorkingDays", "Between 0 and 20 working days.");
        Check(LocalClosingDays is null || LocalClosingDays.Count <= MaxLocalClosingDays, "localClosingDays", $"At most {MaxLocalClosingDays} days.");
        Check(LocalClosingDays is null || LocalClosingDays.Distinct().Count() == LocalClosingDays.Count, "localClosingDays", "Each day once.");
        Check(LocalClosingDays is null || LocalClosingDays.All(d => d.Year is >= 2000 and <= 2100), "localClosingDays", "Days between the years 2000 and 2100.");
        Check(LocalClosingDays is not null, "localClosingDays", "A list of days (it may be empty).");
        return errors;
    }
}
