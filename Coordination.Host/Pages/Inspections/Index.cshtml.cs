using System.Globalization;
using System.Text.Json;
using Coordination.Host.Inspections.Rounds;
using Coordination.Host.Inspections.Tasks;
using Coordination.Host.WebUi;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// The calendar of inspection rounds, a month at a time, with the user's open inspection tasks;
/// each round of the month and each task shown is an audited read (the dates are those of
/// unannounced visits, a task names its venue).
/// </summary>
public sealed class IndexModel(CoordinationDbContext db, TimeProvider clock) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    /// <summary>The month shown, yyyy-MM; the current month by default.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public DateOnly FirstDay { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<JsonElement> Rounds { get; private set; } = [];

    public IReadOnlyList<JsonElement> Tasks { get; private set; } = [];

    public JsonElement? JointRounds { get; private set; }

    public async Task OnGetAsync()
    {
        await ChooseAsync(MunicipalityId, db);
        var now = clock.GetUtcNow();
        Today = WebUi.StockholmTime.Today(now);
        FirstDay = DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && RoundDates.Contains(month, now)
            ? month
            : new DateOnly(Today.Year, Today.Month, 1);
        if (!Choice.Any)
        {
            return;
        }

        Rounds = Read(await RoundEndpoints.ListAsync(Choice.Selected, User, db, ReadAudit)).Body.Items();
        Tasks = Read(await TaskEndpoints.ListAsync(Choice.Selected, true, User, db, ReadAudit)).Body.Items();

        // The month's rounds and the tasks are shown; the rounds of other months are not, nor audited.
        var lastDay = FirstDay.AddMonths(1).AddDays(-1);
        ReadAudit.Showing(Rounds.Where(r => DateOnly.TryParseExact(r.Text("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= FirstDay && day <= lastDay)
            .Select(r => r.Id())
            .Concat(Tasks.Select(t => t.Id())));
        var joint = Read(await RoundEndpoints.JointRoundsAsync(Choice.Selected, FirstDay.Year, User, db, clock));
        JointRounds = joint.Succeeded ? joint.Body : null;
    }

    /// <summary>The weeks of the month, Monday first, with days of the neighbouring months as null.</summary>
    public IReadOnlyList<DateOnly?[]> Weeks()
    {
        var weeks = new List<DateOnly?[]>();
        var offset = ((int)FirstDay.DayOfWeek + 6) % 7;
        var days = DateTime.DaysInMonth(FirstDay.Year, FirstDay.Month);
        var week = new DateOnly?[7];
        var column = offset;
        for (var day = 1; day <= days; day++)
        {
            week[column] = new DateOnly(FirstDay.Year, FirstDay.Month, day);
            if (++column == 7)
            {
                weeks.Add(week);
                week = new DateOnly?[7];
                column = 0;
            }
        }

        if (column > 0)
        {
            weeks.Add(week);
        }

        return weeks;
    }

    public IEnumerable<JsonElement> RoundsOn(DateOnly day) =>
        Rounds.Where(r => r.Text("date") == day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public string MonthParameter(int months) => FirstDay.AddMonths(months).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
