using System.Globalization;
using Coordination.Host.Concerns;
using Coordination.Host.WebUi;
using Coordination.Host.WebUi.Charts;
using Coordination.Host.WebUi.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Dashboard;

/// <summary>
/// The managers' dashboard: overdue tasks, assessments and reviews of the agencies they manage,
/// filtered by municipality and agency, with counts over time and CSV/Excel export. Reads
/// through <see cref="OverdueQuery"/> (the same as GET /api/overdue) and
/// <see cref="OverdueTrendQuery"/>; reassigns through <see cref="TaskCommands"/> and
/// <see cref="ReviewCommands"/>, and hands all open work of a former owner (a disabled account, an
/// ended membership) to a member in one step through <see cref="WorkHandover"/>, as the API does.
/// </summary>
public sealed class IndexModel(
    OverdueQuery overdue, OverdueTrendQuery trend, AgencyDirectory directory, TaskCommands tasks, ReviewCommands reviews,
    WorkHandover handover, IStringLocalizer<SharedResource> text) : PageModel
{
    private const int Weeks = 8;

    [BindProperty(SupportsGet = true)]
    public Guid? Municipality { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    public IReadOnlyList<AgencyOverdue> Agencies { get; private set; } = [];

    public IReadOnlyDictionary<Guid, AgencyName> Names { get; private set; } = new Dictionary<Guid, AgencyName>();

    public IReadOnlyDictionary<Guid, IReadOnlyList<AgencyMember>> Members { get; private set; } = new Dictionary<Guid, IReadOnlyList<AgencyMember>>();

    public IReadOnlyList<OverduePoint> Trend { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return File(TableExport.Csv(ExportHeaders(), ExportRows()), TableExport.CsvContentType, "overdue.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return File(TableExport.Xlsx(text["Dashboard.Title"], ExportHeaders(), ExportRows()), TableExport.XlsxContentType, "overdue.xlsx");
    }

    public async Task<IActionResult> OnPostReassignTaskAsync(Guid id, Guid? userId, CancellationToken cancellationToken) =>
        await AfterAsync(() => tasks.ReassignAsync(id, userId, User.Viewer(), cancellationToken), "Tasks.Reassigned", $"task-owner-{id:N}", cancellationToken);

    public async Task<IActionResult> OnPostReassignReviewAsync(Guid concernId, Guid id, Guid? userId, CancellationToken cancellationToken) =>
        await AfterAsync(() => reviews.ReassignAsync(concernId, id, userId, User.Viewer(), cancellationToken), "Dashboard.ReviewReassigned", $"review-owner-{id:N}", cancellationToken);

    public async Task<IActionResult> OnPostHandOverAsync(Guid agencyId, Guid? fromUserId, Guid? userId, CancellationToken cancellationToken)
    {
        var field = HandOverField(agencyId, fromUserId);
        if (ModelState.TryGetValue("userId", out var unreadable) && unreadable.Errors.Count > 0)
        {
            ModelState.AddModelError(field, unreadable.Errors[0].ErrorMessage);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var municipality = (await directory.OwnAgenciesAsync(User.Viewer(), cancellationToken)).TryGetValue(agencyId, out var agency) ? agency.MunicipalityId : Guid.Empty;
        var answer = await handover.HandOverAsync(municipality, agencyId, fromUserId, userId, User.Viewer(), cancellationToken);
        if (answer.Value is { } done)
        {
            Message = text["Dashboard.HandedOver", done.Tasks.Count, done.Reviews.Count]
                + (done.NotHandedOver.Count == 0 ? string.Empty : " " + text["Dashboard.NotHandedOver", done.NotHandedOver.Count]);
            return RedirectToPage(new { Municipality, Agency });
        }

        var refusal = answer.Refusal!;
        ModelState.AddModelError(refusal.Kind == RefusalKind.Invalid ? field : string.Empty, text[$"Tasks.Refused.{refusal.Kind}"]);
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The field of the hand-over form of one former owner's work in one agency.</summary>
    public static string HandOverField(Guid agencyId, Guid? fromUserId) => $"handover-{agencyId:N}-{fromUserId:N}";

    /// <summary>The former owners (a disabled account, an ended membership) who hold open work of the agency, overdue or not, to hand all of it over at once.</summary>
    public IReadOnlyList<WorkOwner> FormerOwnersIn(AgencyOverdue agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return FormerHolders.TryGetValue(agency.AgencyId, out var holders) ? holders : [];
    }

    private IReadOnlyDictionary<Guid, IReadOnlyList<WorkOwner>> FormerHolders { get; set; } = new Dictionary<Guid, IReadOnlyList<WorkOwner>>();

    public string ChartSvg() => LineChart.Svg(
        "overdue-chart",
        text["Dashboard.ChartTitle"],
        text["Dashboard.ChartDescription"],
        [.. Trend.Select(p => p.At.ToStockholm().ToString("dd/MM", CultureInfo.InvariantCulture))],
        [
            new ChartSeries(text["Dashboard.Tasks"], [.. Trend.Select(p => p.Tasks)]),
            new ChartSeries(text["Dashboard.Assessments"], [.. Trend.Select(p => p.Assessments)]),
            new ChartSeries(text["Dashboard.Reviews"], [.. Trend.Select(p => p.Reviews)]),
            new ChartSeries(text["Dashboard.InspectionTasks"], [.. Trend.Select(p => p.InspectionTasks)]),
        ]);

    public string NameOf(Guid agencyId) => Names.TryGetValue(agencyId, out var n) ? $"{n.Name}" : agencyId.ToString();

    public string MemberName(Guid agencyId, Guid? userId) => OwnerText.Show(text, Owners.Of(agencyId, userId));

    /// <summary>The holders of the shown work, by name, each marked when work may no longer be given to them.</summary>
    public WorkOwners Owners { get; private set; } = WorkOwners.None;

    private async Task<IActionResult> AfterAsync(Func<Task<Answer<Guid>>> act, string doneKey, string field, CancellationToken cancellationToken)
    {
        // An owner that could not be read is shown at the field; nothing is reassigned (to nobody) without it.
        if (ModelState.TryGetValue("userId", out var unreadable) && unreadable.Errors.Count > 0)
        {
            ModelState.AddModelError(field, unreadable.Errors[0].ErrorMessage);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var answer = await act();
        if (answer.Succeeded)
        {
            Message = text[doneKey];
            return RedirectToPage(new { Municipality, Agency });
        }

        ModelState.AddModelError(answer.Refusal!.Kind == RefusalKind.Invalid ? field : string.Empty, text[$"Tasks.Refused.{answer.Refusal.Kind}"]);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var viewer = User.Viewer();
        Agencies = (await overdue.ForManagerAsync(viewer, Municipality, Agency, cancellationToken)).Value ?? [];
        Trend = await trend.WeeklyAsync(viewer, Municipality, Agency, Weeks, cancellationToken);
        Names = await directory.OwnAgenciesAsync(viewer, cancellationToken);
        var members = new Dictionary<Guid, IReadOnlyList<AgencyMember>>();
        foreach (var agency in Agencies)
        {
            members[agency.AgencyId] = [.. (await directory.MembersAsync(agency.AgencyId, viewer, cancellationToken)).DistinctBy(m => m.UserId)];
        }

        Members = members;
        (FormerHolders, Owners) = await directory.FormerHoldersAsync(
            [.. Agencies.Select(a => a.AgencyId)],
            Agencies.SelectMany(a => a.Tasks.Select(t => (a.AgencyId, t.OwnerUserId)).Concat(a.Reviews.Select(r => (a.AgencyId, r.OwnerUserId)))),
            cancellationToken);
    }

    /// <summary>
    /// What the page shows, row by row: the overdue tasks, assessments and reviews, the assessments
    /// near their limit and the overdue inspection tasks, with the owner where the page names one
    /// (last, so the earlier columns keep their place).
    /// </summary>
    private string[] ExportHeaders() =>
        [text["Dashboard.Municipality"], text["Tasks.Agency"], text["Dashboard.What"], text["Dashboard.Item"], text["Tasks.Due"], text["Dashboard.Case"], text["Dashboard.Owner"]];

    private IEnumerable<IReadOnlyList<string>> ExportRows()
    {
        foreach (var a in Agencies)
        {
            var municipality = Names.TryGetValue(a.AgencyId, out var n) ? n.MunicipalityName : string.Empty;
            foreach (var t in a.Tasks)
            {
                yield return [municipality, NameOf(a.AgencyId), text["Dashboard.Task"], text["TaskKind." + t.Kind], StockholmTime.Show(t.DueAt), t.ConcernId.ToString(), MemberName(a.AgencyId, t.OwnerUserId)];
            }

            foreach (var x in a.Assessments)
            {
                yield return [municipality, NameOf(a.AgencyId), text["Dashboard.Assessment"], text["Assessment." + x.Assessment], StockholmTime.Show(x.DueAt), x.ConcernId.ToString(), string.Empty];
            }

            foreach (var x in a.NearLimit)
            {
                yield return [municipality, NameOf(a.AgencyId), text["Dashboard.NearLimitItem"], text["Assessment." + x.Assessment], StockholmTime.Show(x.DueAt), x.ConcernId.ToString(), string.Empty];
            }

            foreach (var r in a.Reviews)
            {
                yield return [municipality, NameOf(a.AgencyId), text["Dashboard.Review"], text["Case.Review"] + " " + r.Number.ToString(CultureInfo.InvariantCulture), StockholmTime.Show(r.DueAt), r.ConcernId.ToString(), MemberName(a.AgencyId, r.OwnerUserId)];
            }

            foreach (var t in a.InspectionTasks)
            {
                yield return [municipality, NameOf(a.AgencyId), text["Dashboard.InspectionTask"], text["InspectionTaskKind." + t.Kind] + ": " + t.Title, StockholmTime.Show(t.DueAt!.Value), (t.SupervisionCaseId ?? t.RoundId ?? t.VenueId)?.ToString() ?? string.Empty, string.Empty];
            }
        }
    }
}
