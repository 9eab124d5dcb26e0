using System.Globalization;
using System.Text.Json;
using Coordination.Host.Inspections;
using Coordination.Host.Inspections.Settings;
using Coordination.Host.WebUi;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Settings = Coordination.Workflows.Inspections.Settings.InspectionSettings;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// A municipality's inspection settings (deadlines, the yearly promise, risk weights), read and
/// changed through the API's handlers. The licensing unit's managers and administrators change
/// them, its staff read them; so the municipalities offered are those where the user is of the
/// licensing unit, and the form is shown only to those who may save it.
/// </summary>
public sealed class SettingsModel(
    CoordinationDbContext db, TimeProvider clock, AuditTrail audit, IOptions<JsonOptions> json, IStringLocalizer<InspectionsResource> text) : PageModel
{
    /// <summary>The settings on the form, in order; each an API field name.</summary>
    public static IReadOnlyList<string> Deadlines { get; } =
    [
        "yearlyJointRoundPromise", "participationAnswerWorkingDays", "participationReminderWorkingDays", "protocolWorkingDays",
        "protocolReminderWorkingDays", "kommuniceringReplyDays", "reInspectionDays", "supervisionFollowUpMonths", "lateAppealEntryDays",
    ];

    public static IReadOnlyList<string> Weights { get; } =
    [
        "dancingWeight", "youngCrowdWeight", "lateHoursWeight", "earlierRemarkWeight", "earlierSanctionWeight",
        "complaintWeight", "monthSinceLastVisitWeight", "supervisionFollowUpWeight",
    ];

    /// <summary>From what time serving counts as late hours in the risk score; a time, not a number.</summary>
    public const string LateHoursFrom = "lateHoursFrom";

    [BindProperty(SupportsGet = true)]
    public Guid? MunicipalityId { get; set; }

    /// <summary>The numbers as typed, by API field name.</summary>
    [BindProperty]
    public Dictionary<string, string?> Input { get; set; } = new(StringComparer.Ordinal);

    public MunicipalityChoice Choice { get; private set; } = new([], Guid.Empty);

    /// <summary>A manager or administrator of the chosen municipality's licensing unit: the settings API lets them save.</summary>
    public bool CanChange { get; private set; }

    public Settings Current { get; private set; } = new();

    public bool Saved { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>When the protocol of a visit ending now would be due under the stored settings, as recording a visit computes it.</summary>
    public DateTimeOffset ProtocolDueIfVisitEndedNow => InspectionDeadlines.Protocol(calendar!, clock.GetUtcNow(), Current).DueAt;

    private Coordination.Workflows.Calendar.WorkingDayCalendar? calendar;

    public async Task<IActionResult> OnGetAsync()
    {
        Saved = Request.Query.ContainsKey("saved");
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Input = ToInput(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!CanChange)
        {
            return Forbid();
        }

        var body = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (TimeOnly.TryParseExact(Input.GetValueOrDefault(LateHoursFrom), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var lateFrom))
        {
            body[LateHoursFrom] = lateFrom.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        }
        else
        {
            ModelState.AddModelError($"Input[{LateHoursFrom}]", text["Error.lateHoursFrom"]);
        }

        foreach (var field in Deadlines.Concat(Weights))
        {
            if (int.TryParse(Input.GetValueOrDefault(field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                body[field] = n;
            }
            else
            {
                ModelState.AddModelError($"Input[{field}]", text["Error.WholeNumber"]);
            }
        }

        // A field that could not be read is taken as its stored value, which is valid, so the
        // fields that could be read are checked too and every error shows at once.
        var options = json.Value.SerializerOptions;
        var stored = JsonSerializer.SerializeToElement(Current, options);
        foreach (var field in Deadlines.Concat(Weights).Append(LateHoursFrom).Where(f => !body.ContainsKey(f)))
        {
            body[field] = stored.GetProperty(field);
        }

        var request = JsonSerializer.Deserialize<Settings>(JsonSerializer.Serialize(body, options), options)!;
        if (!ModelState.IsValid)
        {
            // Nothing is saved.
            ApiErrors.AddTo(ModelState, Read(SettingsEndpoints.Validate(request).Problem()), text, keyFor: field => $"Input[{field}]");
            return Page();
        }

        var outcome = Read(await SettingsEndpoints.ChangeAsync(Choice.Selected, request, User, db, audit));
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { municipalityId = Choice.Selected, saved = true });
        }

        if (outcome.Errors.Count > 0)
        {
            ApiErrors.AddTo(ModelState, outcome, text, keyFor: field => $"Input[{field}]");
        }
        else
        {
            Problem = text["Settings.NotAllowed"];
        }

        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Choice = await MunicipalityChoice.ForAsync(User.Memberships(), UiAccess.InLicensingUnit, MunicipalityId, db);
        if (!Choice.Any)
        {
            return false;
        }

        CanChange = User.IsLicensingManager(Choice.Selected);
        var current = Read(await SettingsEndpoints.GetAsync(Choice.Selected, User, db));
        if (!current.Succeeded)
        {
            return false;
        }

        Current = current.Body.Deserialize<Settings>(json.Value.SerializerOptions)!;
        calendar = await InspectionDeadlines.CalendarAsync(db, Choice.Selected, HttpContext.RequestAborted);
        return true;
    }

    private ApiOutcome Read(IResult result) => ApiOutcome.From(result, HttpContext);

    private static Dictionary<string, string?> ToInput(Settings settings)
    {
        var values = JsonSerializer.SerializeToElement(settings, JsonSerializerOptions.Web);
        var input = Deadlines.Concat(Weights).ToDictionary(f => f, f => (string?)values.Text(f), StringComparer.Ordinal);
        input[LateHoursFrom] = settings.LateHoursFrom.ToString("HH:mm", CultureInfo.InvariantCulture);
        return input;
    }
}
