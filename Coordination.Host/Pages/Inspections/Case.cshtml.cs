using System.Globalization;
using System.Text.Json;
using Coordination.Host.Inspections.Supervision;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Inspections;

/// <summary>
/// A supervision case: kommunicering of the proposed decision, the licensee's reply, the board's
/// decision on the sanction ladder (återkallelse without an earlier varning only as a most serious
/// case with a justification), an appeal, the six-monthly follow-ups once they are due, and the
/// end of supervision. Licensing unit only.
/// </summary>
public sealed class CaseModel(
    CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock, IStringLocalizer<InspectionsResource> text) : InspectionPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public CaseInput Input { get; set; } = new();

    public JsonElement Case { get; private set; }

    public JsonElement Venue { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>
    /// Until when an appeal may be entered, as the case's view says: after the window ended, one
    /// received in time for the municipality's late-entry days (ADR 0019); null when none may be
    /// entered. The form is shown until then.
    /// </summary>
    public DateTimeOffset? AppealEntryEndsAt { get; private set; }

    public bool AppealMayBeEntered => AppealEntryEndsAt is { } ends && clock.GetUtcNow() <= ends;

    public async Task<IActionResult> OnGetAsync()
    {
        Input.AppealReceivedOn = Input.ReplyReceivedOn = StockholmTime.Show(StockholmTime.Today(clock.GetUtcNow()));
        return await LoadAsync() ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostKommuniceringAsync() =>
        ActAsync(() => SupervisionEndpoints.CommunicateAsync(Id, new KommuniceringRequest(Input.ProposedSanction, Input.KommuniceringText), User, db, publish, clock), "Kommunicering");

    public async Task<IActionResult> OnPostReplyAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!DateOnly.TryParseExact(Input.ReplyReceivedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedOn))
        {
            ModelState.AddModelError("Input.ReplyReceivedOn", text["Case.ReplyReceivedOnInvalid"]);
            return Page();
        }

        return await ActAsync(() => ReplyAndAppealEndpoints.ReplyAsync(Id, new ReplyRequest(ReceivedAt(receivedOn, "kommuniceringSentAt"), Input.ReplyText), User, db, publish, clock), "Reply");
    }

    public Task<IActionResult> OnPostDecisionAsync() =>
        ActAsync(() => SupervisionEndpoints.DecideAsync(Id, new DecisionRequest(Input.Sanction, Input.MostSeriousCase, Input.Justification), User, db, publish, clock), "Decision");

    public async Task<IActionResult> OnPostAppealAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!DateOnly.TryParseExact(Input.AppealReceivedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedOn))
        {
            ModelState.AddModelError("Input.AppealReceivedOn", text["Case.AppealReceivedOnInvalid"]);
            return Page();
        }

        return await ActAsync(() => ReplyAndAppealEndpoints.AppealAsync(Id, new AppealRequest(ReceivedAt(receivedOn, "decidedAt"), Input.AppealText), User, db, publish, clock), "Appeal");
    }

    /// <summary>
    /// The instant a reply or an appeal stamped with <paramref name="date"/> arrived: midday that day
    /// in Stockholm, but not before what it answers (the kommunicering, the decision: the case's
    /// <paramref name="answered"/>) nor after now, so that a letter stamped on that day, or today,
    /// counts as arriving that day. A date outside the reply time or appeal window stays outside it.
    /// </summary>
    private DateTimeOffset ReceivedAt(DateOnly date, string answered)
    {
        var instant = StockholmTime.FromLocal(date.ToDateTime(new TimeOnly(12, 0)));
        var now = clock.GetUtcNow();
        if (date == StockholmTime.Today(now) && instant > now)
        {
            return now;
        }

        return Case.Instant(answered) is { } first && date == StockholmTime.Today(first) && instant < first ? first : instant;
    }

    /// <summary>"; entered …" after when a reply or appeal arrived, when an official entered it on a later day.</summary>
    public string Entered(string received, string entered) => Entered(Case, received, entered);

    /// <summary>The same of a part of the case, such as a replaced proposal's reply.</summary>
    public string Entered(JsonElement item, string received, string entered) =>
        item.Instant(entered) is { } at && item.Instant(received) is { } arrived && StockholmTime.Today(at) != StockholmTime.Today(arrived)
            ? "; " + text["Case.Entered", StockholmTime.Show(at)]
            : "";

    public Task<IActionResult> OnPostFollowUpAsync() =>
        ActAsync(() => SupervisionEndpoints.FollowUpHeldAsync(Id, new FollowUpRequest(Input.FollowUpNote), User, db, publish, clock), "FollowUp");

    public Task<IActionResult> OnPostCloseAsync() =>
        ActAsync(() => SupervisionEndpoints.CloseAsync(Id, User, db, publish, clock), "Close");

    private async Task<IActionResult> ActAsync(Func<Task<IResult>> act, string form)
    {
        // A posted value that could not be read is shown at its field, and nothing is decided without it.
        if (!ModelState.IsValid)
        {
            return await LoadAsync() ? Page() : NotFound();
        }

        IResult result;
        try
        {
            result = await act();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another change of the case was saved first (a colleague's decision, say): nothing of
            // this one was saved. A kommunicering or a decision's reasons are not thrown away for
            // it: the form is shown again as filled in, beside the case as it now stands.
            db.ChangeTracker.Clear();
            Problem = text["Case.ChangedAtTheSameTime"];
            return await LoadAsync() ? Page() : NotFound();
        }

        var outcome = Read(result);
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { id = Id });
        }

        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Errors.Count > 0)
        {
            ApiErrors.AddTo(ModelState, outcome, text, keyFor: field => KeyFor(form, field));
        }
        else
        {
            Problem = text["Case.WrongState"];
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    private static string KeyFor(string form, string field) => (form, field) switch
    {
        ("Kommunicering", "proposedSanction") => "Input.ProposedSanction",
        ("Kommunicering", "text") => "Input.KommuniceringText",
        ("Reply", "text") => "Input.ReplyText",
        ("Reply", "receivedAt") => "Input.ReplyReceivedOn",
        ("Appeal", "receivedAt") => "Input.AppealReceivedOn",
        ("Appeal", _) => "Input.AppealText",
        ("FollowUp", "note") => "Input.FollowUpNote",
        _ => ApiErrors.FieldKey("Input", field),
    };

    private async Task<bool> LoadAsync()
    {
        var outcome = Read(await SupervisionEndpoints.GetAsync(Id, User, db, ReadAudit));
        if (!outcome.Succeeded)
        {
            return false;
        }

        Case = outcome.Body;
        Venue = Read(await VenueEndpoints.GetAsync(Case.Id("venueId"), HttpContext, db, ReadAudit)).Body;
        AppealEntryEndsAt = Case.Instant("appealEntryEndsAt");
        await ChooseAsync(Case.Id("municipalityId"), db);
        return true;
    }

    /// <summary>The fields of the case's forms; only the one for the case's current step is shown.</summary>
    public sealed class CaseInput
    {
        public string? ProposedSanction { get; set; }

        public string? KommuniceringText { get; set; }

        public string? ReplyText { get; set; }

        /// <summary>The date the reply arrived (yyyy-MM-dd, Stockholm); today unless the officer says otherwise.</summary>
        public string? ReplyReceivedOn { get; set; }

        public string? Sanction { get; set; }

        public bool MostSeriousCase { get; set; }

        public string? Justification { get; set; }

        public string? AppealText { get; set; }

        /// <summary>What the six-monthly follow-up reviewed.</summary>
        public string? FollowUpNote { get; set; }

        /// <summary>The date the appeal arrived (yyyy-MM-dd, Stockholm); today unless the officer says otherwise.</summary>
        public string? AppealReceivedOn { get; set; }
    }
}
