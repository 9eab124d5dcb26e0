using System.Globalization;
using System.Text.Json;
using Coordination.Host.Concerns;
using Coordination.Host.WebUi;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Admin;

/// <summary>
/// A municipality's routing rules and deadlines for concerns: every save is a new version,
/// checked by the rules' own validation and stored by the API's handler, and refused when
/// another administrator saved a version after the one this form was filled in from.
/// </summary>
public sealed class RoutingRulesModel(CoordinationDbContext db, TimeProvider clock, AuditTrail audit, IStringLocalizer<AdministrationResource> text) : AdministrationPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    [BindProperty]
    public RulesInput Input { get; set; } = new();

    public int Version { get; private set; }

    /// <summary>The version the form was filled in from, sent back so that a version saved meanwhile is not overwritten.</summary>
    [BindProperty]
    public int? ReadVersion { get; set; }

    public RoutingRules Rules { get; private set; } = RoutingRules.Default;

    public bool Saved { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The answer deadline a task routed now gets under the current rules, as routing computes it.</summary>
    public DateTimeOffset TaskDueIfRoutedNow => Rules.TaskAnswerDue(clock.GetUtcNow());

    public static IReadOnlyList<AgencyKind> Parties { get; } = [AgencyKind.School, AgencyKind.Police, AgencyKind.Leisure];

    public async Task<IActionResult> OnGetAsync()
    {
        Saved = Request.Query.ContainsKey("saved");
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Input = RulesInput.From(Rules);
        ReadVersion = Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        int Whole(string name, string? value)
        {
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            ModelState.AddModelError("Input." + name, text["Error.WholeNumber"]);
            return 0;
        }

        var officeHoursEnd = TimeOnly.TryParseExact(Input.OfficeHoursEnd, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) ? end : Rules.OfficeHoursEnd;
        if (officeHoursEnd != end)
        {
            ModelState.AddModelError("Input.OfficeHoursEnd", text["Error.officeHoursEnd"]);
        }

        var closingDays = new List<DateOnly>();
        foreach (var line in (Input.LocalClosingDays ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DateOnly.TryParseExact(line, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                closingDays.Add(day);
            }
            else
            {
                ModelState.AddModelError("Input.LocalClosingDays", string.Format(CultureInfo.CurrentCulture, text["Error.localClosingDay"], line));
            }
        }

        var rules = Rules with
        {
            MoveCalendarDeadlinesToNextWorkingDay = Input.MoveCalendarDeadlines,
            LocalClosingDays = closingDays,
            TaskAnswerWorkingDays = Whole(nameof(RulesInput.TaskAnswerWorkingDays), Input.TaskAnswerWorkingDays),
            ReminderInterval = Hours(Whole(nameof(RulesInput.ReminderIntervalHours), Input.ReminderIntervalHours)),
            TaskReminderDaysBefore = Whole(nameof(RulesInput.TaskReminderDaysBefore), Input.TaskReminderDaysBefore),
            EscalationAfterDue = Hours(Whole(nameof(RulesInput.EscalationAfterDueHours), Input.EscalationAfterDueHours)),
            ReviewIntervalMonths = Whole(nameof(RulesInput.ReviewIntervalMonths), Input.ReviewIntervalMonths),
            ReviewReminderDaysBefore = Whole(nameof(RulesInput.ReviewReminderDaysBefore), Input.ReviewReminderDaysBefore),
            AgeBandFrom = Whole(nameof(RulesInput.AgeBandFrom), Input.AgeBandFrom),
            AgeBandTo = Whole(nameof(RulesInput.AgeBandTo), Input.AgeBandTo),
            OfficeHoursEnd = officeHoursEnd,
            FeedbackWorkingDays = Whole(nameof(RulesInput.FeedbackWorkingDays), Input.FeedbackWorkingDays),
            NearLimitWorkingDays = Whole(nameof(RulesInput.NearLimitWorkingDays), Input.NearLimitWorkingDays),
            AgenciesByCategory = Enum.GetValues<ConcernCategory>().ToDictionary(
                c => c,
                c => Enum.GetValues<AgencyKind>().Where(k => Input.Agencies.Contains($"{c}:{k}")).ToList()),
        };
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = Read(await RoutingRulesEndpoints.SaveAsync(Choice.Selected, rules, ReadVersion, User, db, clock, audit, HttpContext.RequestAborted));
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { municipalityId = Choice.Selected, saved = true });
        }

        if (outcome.Errors.Count > 0)
        {
            ApiErrors.AddTo(ModelState, outcome, text, keyFor: field => field switch
            {
                "reminderInterval" => "Input.ReminderIntervalHours",
                "escalationAfterDue" => "Input.EscalationAfterDueHours",
                _ when field.StartsWith("agenciesByCategory", StringComparison.Ordinal) => "Input.Agencies",
                _ => ApiErrors.FieldKey("Input", field),
            });
        }
        else
        {
            Problem = outcome.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict ? text["Rules.Conflict"] : text["Rules.NotAllowed"];
        }

        return Page();
    }

    /// <summary>
    /// Hours as typed, held within what a <see cref="TimeSpan"/> can hold, so that a huge number
    /// reaches the rules' validation and is answered at its field instead of overflowing here.
    /// </summary>
    private static TimeSpan Hours(int hours) => TimeSpan.FromHours(Math.Clamp(hours, -1_000_000, 1_000_000));

    private async Task<bool> LoadAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        if (!Choice.Any)
        {
            return false;
        }

        var current = Read(await RoutingRulesEndpoints.GetAsync(Choice.Selected, HttpContext, db, HttpContext.RequestAborted));
        if (!current.Succeeded)
        {
            return false;
        }

        Version = current.Body.Number("version");
        Rules = current.Body.GetProperty("rules").Deserialize<RoutingRules>(RoutingRules.Json) ?? RoutingRules.Default;
        return true;
    }

    /// <summary>The form: numbers as typed (so a wrong one is shown back), agencies as "Category:Agency".</summary>
    public sealed class RulesInput
    {
        public string? TaskAnswerWorkingDays { get; set; }

        public string? ReminderIntervalHours { get; set; }

        public string? TaskReminderDaysBefore { get; set; }

        public string? EscalationAfterDueHours { get; set; }

        public string? ReviewIntervalMonths { get; set; }

        public string? ReviewReminderDaysBefore { get; set; }

        public string? AgeBandFrom { get; set; }

        public string? AgeBandTo { get; set; }

        public string? OfficeHoursEnd { get; set; }

        public string? FeedbackWorkingDays { get; set; }

        public string? NearLimitWorkingDays { get; set; }

        public bool MoveCalendarDeadlines { get; set; }

        /// <summary>One day per line, YYYY-MM-DD.</summary>
        public string? LocalClosingDays { get; set; }

        public List<string> Agencies { get; set; } = [];

        public static RulesInput From(RoutingRules rules)
        {
            static string S(double n) => n.ToString(CultureInfo.InvariantCulture);
            return new RulesInput
            {
                TaskAnswerWorkingDays = S(rules.TaskAnswerWorkingDays),
                ReminderIntervalHours = S(rules.ReminderInterval.TotalHours),
                TaskReminderDaysBefore = S(rules.TaskReminderDaysBefore),
                EscalationAfterDueHours = S(rules.EscalationAfterDue.TotalHours),
                ReviewIntervalMonths = S(rules.ReviewIntervalMonths),
                ReviewReminderDaysBefore = S(rules.ReviewReminderDaysBefore),
                AgeBandFrom = S(rules.AgeBandFrom),
                AgeBandTo = S(rules.AgeBandTo),
                OfficeHoursEnd = rules.OfficeHoursEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
                FeedbackWorkingDays = S(rules.FeedbackWorkingDays),
                NearLimitWorkingDays = S(rules.NearLimitWorkingDays),
                MoveCalendarDeadlines = rules.MoveCalendarDeadlinesToNextWorkingDay,
                LocalClosingDays = string.Join("\n", (rules.LocalClosingDays ?? []).Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
                Agencies = rules.AgenciesByCategory.SelectMany(e => e.Value.Select(k => $"{e.Key}:{k}")).ToList(),
            };
        }
    }
}
