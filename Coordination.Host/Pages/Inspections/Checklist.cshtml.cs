using System.Globalization;
using System.Text.Json;
using Coordination.Host.Inspections.Rounds;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.Inspections.Visits;
using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// The checklist of a visit, filled in on a tablet during the evening or at the desk after it:
/// each item of the venue's licence kinds ok, remark or not checked, with a note; then recorded
/// through the API's own handler (which opens the protocol deadline).
/// </summary>
public sealed class ChecklistModel(
    CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock, IStringLocalizer<InspectionsResource> text) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid RoundId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid VenueId { get; set; }

    [BindProperty]
    public ChecklistInput Input { get; set; } = new();

    public JsonElement Round { get; private set; }

    public JsonElement Venue { get; private set; }

    public IReadOnlyList<ChecklistItem> Items { get; private set; } = [];

    /// <summary>The form's key of the refusal that the venue's visit is already recorded for the round.</summary>
    public const string RecordedVisitKey = "RecordedVisit";

    /// <summary>The visit already recorded for the venue on this round, when saving the checklist was refused for it.</summary>
    public Guid? RecordedVisitId { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Input.Items = Items.Select(i => new ItemInput { Code = i.Code, Result = nameof(ChecklistResult.NotChecked) }).ToList();
        Input.Started = Round.Text("eveningStart");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        // A value the form could not take (a note with a control character, such as a vertical tab
        // pasted from a word processor) is not bound: recorded without it, the visit would lose the
        // note unseen. The checklist is shown again as filled in, with the error at its field.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // A round stored before its dates were limited (RoundDates) may lie at the ends of the
        // calendar, where the evening's times cannot be computed: the form says so.
        if (!DateOnly.TryParseExact(Round.Text("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var roundDate)
            || roundDate < RoundDates.Earliest || roundDate > DateOnly.MaxValue.AddYears(-1))
        {
            ModelState.AddModelError(string.Empty, text["Checklist.Error.RoundDate"]);
            return Page();
        }

        var started = LocalInstant(roundDate, Input.Started, null);
        var request = new RecordVisitRequest(
            VenueId,
            started,
            LocalInstant(roundDate, Input.Ended, started),
            (Input.Present ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Input.Items.Select(i => new ChecklistEntryRequest(i.Code, i.Result, i.Note)).ToList());
        ApiOutcome outcome;
        try
        {
            outcome = Read(await VisitEndpoints.RecordAsync(RoundId, request, User, db, publish, clock));
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another change of the round or the venue's tasks was saved first (another visit of
            // the venue, say): nothing of this one was saved. A long checklist is not thrown away
            // for it: the form is shown again as filled in, to be sent again.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["Checklist.Error.ChangedAtTheSameTime"]);
            return Page();
        }

        if (outcome.Succeeded)
        {
            return RedirectToPage("/Inspections/Visit", new { id = outcome.Body.Id(), recorded = true });
        }

        ApiErrors.AddTo(ModelState, outcome, text, keyFor: FieldFor);
        if (outcome.Errors.ContainsKey("venueId"))
        {
            // Recorded before, or a moment ago by someone else: the page links to that visit.
            await LoadAsync();
            var recorded = Round.Items("venues").FirstOrDefault(v => v.Id() == VenueId).Id("visitId");
            RecordedVisitId = recorded == Guid.Empty ? null : recorded;
        }

        return Page();
    }

    /// <summary>
    /// The API's field on this form. The page is only of a venue of the round (<see cref="LoadAsync"/>),
    /// so the venue is refused only when its visit is already recorded for the round.
    /// </summary>
    private static string FieldFor(string field) => field switch
    {
        "startedAt" => "Input.Started",
        "endedAt" => "Input.Ended",
        _ when field.StartsWith("participantsPresent", StringComparison.Ordinal) => "Input.Present",
        "venueId" => RecordedVisitKey,
        "roundId" or "items" => "",
        _ => ApiErrors.FieldKey("Input", field),
    };

    /// <summary>A time on the round's evening (<paramref name="date"/>) in Stockholm; one before the evening starts, or before <paramref name="after"/>, is past midnight.</summary>
    private DateTimeOffset? LocalInstant(DateOnly date, string? time, DateTimeOffset? after)
    {
        if (!TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return null;
        }

        var eveningStart = TimeOnly.ParseExact(Round.Text("eveningStart"), "HH:mm", CultureInfo.InvariantCulture);
        var local = date.ToDateTime(at);
        if (at < eveningStart.Add(-RoundTiming.EveningLeadIn))
        {
            local = local.AddDays(1);
        }

        var instant = StockholmTime.FromLocal(local);
        return after is { } a && instant <= a ? instant.AddDays(1) : instant;
    }

    private async Task<bool> LoadAsync()
    {
        // The venue first: the page is its checklist, and its load is audited under the venue.
        var venue = Read(await VenueEndpoints.GetAsync(VenueId, HttpContext, db, ReadAudit));
        var round = Read(await RoundEndpoints.GetAsync(RoundId, User, db, ReadAudit));
        if (!round.Succeeded || !venue.Succeeded)
        {
            return false;
        }

        // The checklist is of a venue the round visits; another venue's has no round to be recorded on.
        if (!round.Body.Items("venues").Any(v => v.Id() == VenueId))
        {
            return false;
        }

        Round = round.Body;
        Venue = venue.Body;
        await ChooseAsync(Round.Id("municipalityId"), db);
        var kinds = Venue.Texts("licenceKinds").Select(k => Enum.Parse<LicenceKind>(k)).ToList();
        Items = Checklists.For(kinds);
        return true;
    }

    public ItemInput InputFor(int index) => index < Input.Items.Count ? Input.Items[index] : new ItemInput { Code = Items[index].Code };

    /// <summary>The checklist form.</summary>
    public sealed class ChecklistInput
    {
        public string? Started { get; set; }

        public string? Ended { get; set; }

        public string? Present { get; set; }

        public List<ItemInput> Items { get; set; } = [];
    }

    /// <summary>One item's finding.</summary>
    public sealed class ItemInput
    {
        public string? Code { get; set; }

        public string? Result { get; set; }

        public string? Note { get; set; }
    }
}
