using System.Globalization;
using Coordination.Host.Concerns;
using Coordination.Host.FollowUp;
using Coordination.Host.WebUi;
using Coordination.Host.WebUi.Charts;
using Coordination.Host.WebUi.Exports;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Visits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Dashboard;

/// <summary>The half-year follow-up report of one municipality, with a chart and CSV/Excel export (<see cref="FollowUpReportQuery"/>).</summary>
public sealed class FollowUpModel(FollowUpReportQuery query, AgencyDirectory directory, TimeProvider clock, IStringLocalizer<SharedResource> text, IStringLocalizer<Coordination.Host.Pages.Inspections.InspectionsResource> inspections) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Municipality { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Municipalities { get; private set; } = [];

    public IReadOnlyList<HalfYear> Periods { get; private set; } = [];

    public HalfYear Half { get; private set; } = null!;

    public FollowUpReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (PeriodRefused() is { } refused)
        {
            return refused;
        }

        return Report is null ? NotFound() : File(TableExport.Csv(Headers(), Rows()), TableExport.CsvContentType, $"{ExportName}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (PeriodRefused() is { } refused)
        {
            return refused;
        }

        return Report is null ? NotFound() : File(TableExport.Xlsx(Half.ToString(), Headers(), Rows()), TableExport.XlsxContentType, $"{ExportName}.xlsx");
    }

    /// <summary>A half-year as the period selector names it: "2026 juli–december".</summary>
    public string PeriodName(HalfYear period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"{period.Year} {text[period.Half == 1 ? "FollowUp.FirstHalf" : "FollowUp.SecondHalf"]}";
    }

    /// <summary>The municipality the report is for, by name, as the selector shows it.</summary>
    public string MunicipalityName => Municipalities.FirstOrDefault(m => m.Id == Municipality).Name ?? string.Empty;

    /// <summary>
    /// A manager of several municipalities downloads one file per municipality, so the name
    /// says which, as does every row: files of two municipalities can be told apart and combined.
    /// </summary>
    private string ExportName => $"follow-up-{Slug(MunicipalityName)}-{Half}";

    public string Label(FollowUpRow row) => $"{text["FollowUp.Section." + row.Section]}: {Measure(row)}";

    public string Measure(FollowUpRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Section == "RemarksByKind")
        {
            // The alcohol checklists share their items' texts, and tobacco and e-cigarettes some of
            // theirs: the licence kind tells "Catering: Lagad mat finns" from the same item of a
            // licence to serve the public.
            return Checklists.TryFind(row.Measure, out var item)
                ? $"{inspections["LicenceKind." + item!.LicenceKind]}: {Coordination.Host.Pages.Inspections.Checklist.Text(inspections, row.Measure, item.Text)}"
                : row.Measure;
        }

        var key = row.Section switch
        {
            "ConcernsByAgency" => "AgencyKind." + row.Measure,
            "ConcernsByCategory" => "Category." + row.Measure,
            "VisitOutcomes" => "VisitOutcome." + row.Measure,
            "Sanctions" => "Sanction." + row.Measure,
            _ => "FollowUp.Measure." + row.Measure,
        };
        return text[key];
    }

    /// <summary>A month as the table names it, in the page's language: "juli 2026".</summary>
    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    public string ChartSvg() => LineChart.Svg(
        "follow-up-chart",
        text["FollowUp.ChartTitle"],
        text["FollowUp.ChartDescription"],
        [.. Report!.Months.Select(m => m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture))],
        [
            new ChartSeries(text["FollowUp.Measure.Raised"], [.. Report.Months.Select(m => m.Concerns)]),
            new ChartSeries(text["FollowUp.Measure.Offered"], [.. Report.Months.Select(m => m.Tasks)]),
            new ChartSeries(text["FollowUp.Measure.Visits"], [.. Report.Months.Select(m => m.Visits)]),
        ]);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var viewer = User.Viewer();
        var names = await directory.OwnAgenciesAsync(viewer, cancellationToken);
        Municipalities = [.. viewer.Memberships.Where(m => m.Role == MembershipRole.Manager)
            .DistinctBy(m => m.MunicipalityId)
            .Select(m => (m.MunicipalityId, names.TryGetValue(m.AgencyId, out var n) ? n.MunicipalityName : m.MunicipalityId.ToString()))];
        var current = HalfYear.Containing(clock.GetUtcNow());
        Periods = [.. Enumerable.Range(0, 4).Select(i => Back(current, i))];
        var municipality = Municipality ?? (Municipalities.Count > 0 ? Municipalities[0].Id : Guid.Empty);
        Municipality = municipality;
        var chosen = string.IsNullOrEmpty(Period) ? current : Periods.FirstOrDefault(p => p.ToString() == Period);
        Half = chosen ?? current;
        if (chosen is null)
        {
            // An address edited or kept from an earlier half-year: said at the field, and no
            // report, rather than the current half-year's figures under a period nobody chose.
            ModelState.AddModelError(nameof(Period), text["FollowUp.Error.Period", PeriodName(Periods[^1]), PeriodName(Periods[0])]);
            return;
        }

        Report = await query.ForAsync(viewer, municipality, Half, cancellationToken);
    }

    /// <summary>A download of a period that cannot be chosen: a 400 problem naming the field.</summary>
    private BadRequestObjectResult? PeriodRefused() =>
        ModelState.TryGetValue(nameof(Period), out var entry) && entry.Errors.Count > 0
            ? BadRequest(new ValidationProblemDetails(new Dictionary<string, string[]> { [nameof(Period)] = [entry.Errors[0].ErrorMessage] }) { Status = StatusCodes.Status400BadRequest })
            : null;

    /// <summary>Letters and digits kept, every other run of characters one hyphen: "Älvby kommun (demo)" → "Älvby-kommun-demo".</summary>
    private static string Slug(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"[^\p{L}\p{N}]+", "-").Trim('-');

    private static HalfYear Back(HalfYear from, int halves)
    {
        var index = (from.Year * 2) + (from.Half - 1) - halves;
        return new HalfYear(index / 2, (index % 2) + 1);
    }

    private string[] Headers() => [text["Dashboard.Municipality"], text["FollowUp.Period"], text["FollowUp.Section"], text["FollowUp.Measure"], text["FollowUp.Value"]];

    /// <summary>The report's rows, then the chart's figures month by month ("2026-07: Anmälda"), as the page shows both.</summary>
    private IEnumerable<IReadOnlyList<string>> Rows() =>
        Report!.Rows.Select(r => Row(text["FollowUp.Section." + r.Section], Measure(r), r.Value))
            .Concat(Report.Months.SelectMany(m => new[]
            {
                Row(text["FollowUp.PerMonth"], Monthly(m.Month, "FollowUp.Measure.Raised"), m.Concerns),
                Row(text["FollowUp.PerMonth"], Monthly(m.Month, "FollowUp.Measure.Offered"), m.Tasks),
                Row(text["FollowUp.PerMonth"], Monthly(m.Month, "FollowUp.Measure.Visits"), m.Visits),
            }));

    private string Monthly(DateOnly month, string measure) => $"{month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}: {text[measure]}";

    private IReadOnlyList<string> Row(string section, string measure, int value) =>
        [MunicipalityName, Half.ToString(), section, measure, value.ToString(CultureInfo.InvariantCulture)];
}
