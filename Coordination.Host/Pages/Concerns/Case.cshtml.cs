using System.Globalization;
using Coordination.Host.Concerns;
using Coordination.Host.WebUi;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Concerns;

/// <summary>
/// The case view: the concern and its chronology exactly as <see cref="ConcernQueries"/> cuts
/// them for this user (the reporter, another agency with a legal basis, or social services).
/// </summary>
public sealed class CaseModel(
    ConcernQueries queries, AgencyDirectory directory, AgreePlan agreePlan, ReviewCommands reviews, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, AuditTrail audit,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The agencies a plan action can go to.</summary>
    public static IReadOnlyList<AgencyKind> ActionAgencies { get; } = [AgencyKind.SocialServices, AgencyKind.School, AgencyKind.Police, AgencyKind.Leisure];

    [BindProperty]
    public PlanInput Plan { get; set; } = new();

    /// <summary>The agencies a concern can be shared with: every one but social services, who hold it.</summary>
    public static IReadOnlyList<AgencyKind> SharingParties { get; } = [AgencyKind.Police, AgencyKind.School, AgencyKind.Leisure];

    [BindProperty]
    public LegalBasisInput Basis { get; set; } = new();

    /// <summary>
    /// The parties the municipality's routing rules name for the concern's categories, shown at
    /// the sharing form as a suggestion: every party chosen there gets a joint-work task.
    /// </summary>
    public IReadOnlyList<AgencyKind> SuggestedParties { get; private set; } = [];

    [BindProperty]
    public ExtensionInput Extension { get; set; } = new();

    /// <summary>The outcome typed into the close form, shown back when it is refused.</summary>
    [BindProperty]
    public string? CloseOutcome { get; set; }

    [TempData]
    public string? Message { get; set; }

    public ConcernView View { get; private set; } = null!;

    public IReadOnlyList<CaseEvent> Chronology { get; private set; } = [];

    public IReadOnlyDictionary<Guid, AgencyName> Agencies { get; private set; } = new Dictionary<Guid, AgencyName>();

    /// <summary>The kind of each agency of the concern's municipality, so tasks and plan actions say whose they are.</summary>
    public IReadOnlyDictionary<Guid, AgencyKind> AgencyKinds { get; private set; } = new Dictionary<Guid, AgencyKind>();

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    /// <summary>Agrees the commitment plan through <see cref="AgreePlan"/>, the same command as the API.</summary>
    public async Task<IActionResult> OnPostPlanAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken);
        }

        // Blank rows are not sent; each sent action keeps its row on the form, so an error about
        // the API's actions[k] is shown at the row it came from.
        var rows = Plan.Actions
            .Select((a, row) => (Action: a, Row: row))
            .Where(a => !string.IsNullOrWhiteSpace(a.Action.What) || !string.IsNullOrWhiteSpace(a.Action.ByDate))
            .ToList();
        var actions = rows.Select(a => new PlanActionRequest(a.Action.What, a.Action.Agency, null, a.Action.ByDate)).ToList();
        int Row(string field) => Index(field) is var sent && sent < rows.Count ? rows[sent].Row : sent;
        var goals = (Plan.Goals ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var answer = await agreePlan.ExecuteAsync(id, new PlanRequest(goals, actions), User.Viewer(), cancellationToken);
        if (answer.Succeeded)
        {
            Message = text["Case.PlanAgreed"];
            return RedirectToPage(new { id });
        }

        foreach (var field in answer.Refusal!.Errors?.Keys ?? [])
        {
            var (formField, key) = field switch
            {
                _ when field.StartsWith("goals", StringComparison.Ordinal) => ("Plan.Goals", "Plan.Error.Goals"),
                _ when field.EndsWith(".agency", StringComparison.Ordinal) => ($"Plan.Actions[{Row(field)}].Agency", "Plan.Error.Agency"),
                _ when field.EndsWith(".byDate", StringComparison.Ordinal) => ($"Plan.Actions[{Row(field)}].ByDate", "Plan.Error.ByDate"),
                _ => ($"Plan.Actions[{Row(field)}].What", "Plan.Error.What"),
            };
            ModelState.AddModelError(formField, text[key]);
        }

        if (answer.Refusal.Kind != RefusalKind.Invalid)
        {
            ModelState.AddModelError(string.Empty, text[$"Tasks.Refused.{answer.Refusal.Kind}"]);
        }

        return await LoadAsync(id, cancellationToken);
    }

    /// <summary>Records a held review through <see cref="ReviewCommands"/>, as the API does.</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid id, Guid reviewId, string? outcome, CancellationToken cancellationToken)
    {
        if (ModelState.TryGetValue(nameof(outcome), out var unreadable) && unreadable.Errors.Count > 0)
        {
            ModelState.AddModelError($"outcome-{reviewId:N}", unreadable.Errors[0].ErrorMessage);
            return await LoadAsync(id, cancellationToken);
        }

        var answer = await reviews.HoldAsync(id, reviewId, outcome, User.Viewer(), cancellationToken);
        if (answer.Succeeded)
        {
            Message = text["Case.ReviewHeld"];
            return RedirectToPage(new { id });
        }

        ModelState.AddModelError(answer.Refusal!.Kind == RefusalKind.Invalid ? $"outcome-{reviewId:N}" : string.Empty, text[answer.Refusal.Kind == RefusalKind.Invalid ? "Case.Error.Outcome" : $"Tasks.Refused.{answer.Refusal.Kind}"]);
        return await LoadAsync(id, cancellationToken);
    }

    /// <summary>Records the protective assessment through the API's handler: "yes" or "no", nothing else.</summary>
    public Task<IActionResult> OnPostProtectiveAsync(Guid id, string? protection, CancellationToken cancellationToken) =>
        StepAsync(
            id,
            () => AssessmentEndpoints.ProtectiveAssessmentAsync(id, new ProtectiveAssessmentRequest(protection switch { "yes" => true, "no" => false, _ => null }), HttpContext, db, bus, clock, cancellationToken),
            "Case.Protective.Done",
            _ => ("protection", "Case.Error.Protective"),
            cancellationToken);

    /// <summary>Records the preliminary-assessment decision through the API's handler.</summary>
    public Task<IActionResult> OnPostPreliminaryAsync(Guid id, string? decision, CancellationToken cancellationToken) =>
        StepAsync(
            id,
            () => AssessmentEndpoints.PreliminaryAssessmentAsync(id, new PreliminaryAssessmentRequest(decision), HttpContext, db, bus, clock, cancellationToken),
            "Case.Preliminary.Done",
            _ => ("decision", "Case.Error.Decision"),
            cancellationToken);

    /// <summary>
    /// Gives the reporter the feedback the decision calls for: the form offers no choice, because
    /// the API refuses any feedback that does not match the decision. The handler reads the
    /// decision only after it has checked social services' full access, so another agency or the
    /// reporter gets the same refusal before and after the decision.
    /// </summary>
    public Task<IActionResult> OnPostFeedbackAsync(Guid id, CancellationToken cancellationToken) =>
        StepAsync(
            id,
            () => AssessmentEndpoints.FeedbackTheDecisionCallsForAsync(id, HttpContext, db, bus, clock, cancellationToken),
            "Case.Feedback.Done",
            _ => (string.Empty, "Case.Refused.Conflict"),
            cancellationToken);

    /// <summary>
    /// Records a consent or a cited provision through the API's handler, which shares the concern
    /// with the parties named and routes it to their task queues; every field error is shown at its field.
    /// </summary>
    public async Task<IActionResult> OnPostLegalBasisAsync(Guid id, CancellationToken cancellationToken)
    {
        var consent = Basis.Kind == nameof(Coordination.Workflows.Concerns.Sharing.SharingBasisKind.Consent);
        var request = new LegalBasisRequest(
            Basis.Kind,
            Basis.Parties,
            consent ? Basis.GivenBy : null,
            consent ? Basis.GivenOn : null,
            consent ? Basis.DocumentReference : null,
            consent ? null : Basis.Provision,
            consent ? null : Basis.WeighedBy,
            consent ? Basis.Scope : null,
            consent ? Basis.ValidUntil : null);
        return await StepAsync(
            id,
            () => SharingEndpoints.RecordAsync(id, request, HttpContext, db, bus, clock, audit, cancellationToken),
            "Case.LegalBasis.Done",
            field =>
            {
                // parties[1] and parties at the one group of checkboxes; the rest at their fields.
                var name = field.Split('[')[0];
                return (ApiErrors.FieldKey(nameof(Basis), name), "Case.LegalBasis.Error." + name);
            },
            cancellationToken,
            refused => refused.ProblemTitle switch
            {
                "Outside the age band" => text["Case.LegalBasis.OutsideAgeBand"],
                "Concern closed" => text["Case.LegalBasis.ConcernClosed"],
                _ => $"{text["Case.LegalBasis.Refused"]} {refused.ProblemDetail}",
            });
    }

    /// <summary>Marks the young person's identity as protected through the API's handler.</summary>
    public Task<IActionResult> OnPostProtectIdentityAsync(Guid id, CancellationToken cancellationToken) =>
        StepAsync(
            id,
            () => ProtectedIdentityEndpoints.MarkAsync(id, HttpContext, db, clock, audit, cancellationToken),
            "Case.ProtectedIdentity.Done",
            field => (field, "Case.ProtectedIdentity.Mark"),
            cancellationToken);

    /// <summary>Extends the open investigation through the API's handler: a later deadline and the special reason.</summary>
    public Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken cancellationToken) =>
        StepAsync(
            id,
            () => AssessmentEndpoints.ExtendInvestigationAsync(id, new InvestigationExtensionRequest(Extension.NewDueDate, Extension.Reason), HttpContext, db, bus, clock, cancellationToken),
            "Case.Extend.Done",
            field => (ApiErrors.FieldKey(nameof(Extension), field), "Case.Extend.Error." + field),
            cancellationToken);

    /// <summary>Finishes the open investigation with its conclusion through the API's handler.</summary>
    public Task<IActionResult> OnPostCompleteAsync(Guid id, string? conclusion, CancellationToken cancellationToken) =>
        StepAsync(
            id,
            () => AssessmentEndpoints.CompleteInvestigationAsync(id, new InvestigationCompletionRequest(conclusion), HttpContext, db, bus, clock, cancellationToken),
            "Case.Complete.Done",
            _ => ("conclusion", "Case.Error.Conclusion"),
            cancellationToken);

    /// <summary>Withdraws a consent through the API's handler: sharing under it stops at once.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid basisId, CancellationToken cancellationToken) =>
        StepAsync(
            id,
            () => SharingEndpoints.WithdrawAsync(id, basisId, HttpContext, db, bus, clock, audit, cancellationToken),
            "Case.Withdraw.Done",
            _ => (string.Empty, "Case.Refused.Conflict"),
            cancellationToken);

    /// <summary>Closes the concern with the typed outcome through the API's handler.</summary>
    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        StepAsync(
            id,
            () => ReviewAndCloseEndpoints.CloseAsync(id, new CloseConcernRequest(CloseOutcome), HttpContext, db, bus, clock, audit, cancellationToken),
            "Case.Close.Done",
            _ => (nameof(CloseOutcome), "Case.Error.CloseOutcome"),
            cancellationToken);

    /// <summary>
    /// One of social services' steps, run by the API's own handler so that the rules are the
    /// API's: on success back to the case with a message; each field error at the form field
    /// <paramref name="fieldFor"/> names, with its message (one per form field); any other
    /// refusal at the top: not allowed, or <paramref name="refused"/>'s words (by default, that
    /// the step is already done).
    /// </summary>
    private async Task<IActionResult> StepAsync(
        Guid id, Func<Task<IResult>> step, string doneKey, Func<string, (string Field, string Key)> fieldFor, CancellationToken cancellationToken, Func<ApiOutcome, string>? refused = null)
    {
        // A posted value that could not be read is shown at its field, and the step is not taken without it.
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken);
        }

        IResult result;
        try
        {
            result = await step();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another change of the case was saved first (a consent withdrawn by a colleague, say):
            // nothing of this step was saved. What was typed is shown again, to be checked against
            // the case as it now stands and sent again.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["Case.Refused.ChangedAtTheSameTime"]);
            return await LoadAsync(id, cancellationToken);
        }

        var outcome = ApiOutcome.From(result, HttpContext);
        if (outcome.Succeeded)
        {
            Message = text[doneKey];
            return RedirectToPage(new { id });
        }

        if (outcome.NotFound)
        {
            return NotFound();
        }

        foreach (var (field, key) in outcome.Errors.Keys.Select(fieldFor))
        {
            if (!ModelState.TryGetValue(field, out var entry) || entry.Errors.Count == 0)
            {
                ModelState.AddModelError(field, text[key]);
            }
        }

        if (outcome.Errors.Count == 0)
        {
            ModelState.AddModelError(
                string.Empty,
                outcome.Status == StatusCodes.Status403Forbidden ? text["Case.Refused.Forbidden"] : refused?.Invoke(outcome) ?? text["Case.Refused.Conflict"]);
        }

        return await LoadAsync(id, cancellationToken);
    }

    private static int Index(string field)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(field.AsSpan(open + 1, close - open - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : 0;
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = User.Viewer();
        var answer = await queries.PageAsync(id, viewer, cancellationToken);
        if (answer.Value is not { } page)
        {
            return answer.Refusal!.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }

        View = page.View;
        Chronology = page.Chronology;
        Agencies = await directory.OwnAgenciesAsync(viewer, cancellationToken);
        AgencyKinds = await db.KindsByIdAsync(View.Concern.MunicipalityId, cancellationToken);
        if (View.Access == ConcernAccessLevel.Full)
        {
            var (_, rules) = await db.CurrentAsync(View.Concern.MunicipalityId, cancellationToken);
            SuggestedParties = rules.PartiesFor(View.Concern.Categories);
        }

        return Page();
    }

    /// <summary>The plan form: goals one per line, and up to three actions.</summary>
    public sealed class PlanInput
    {
        public string? Goals { get; set; }

        public List<PlanActionInput> Actions { get; set; } = [new(), new(), new()];
    }

    /// <summary>The legal-basis form: a consent (who gave it, when, the document) or a cited provision and who weighed it.</summary>
    public sealed class LegalBasisInput
    {
        public string? Kind { get; set; }

        public List<string> Parties { get; set; } = [];

        public string? GivenBy { get; set; }

        public string? GivenOn { get; set; }

        public string? DocumentReference { get; set; }

        public string? Scope { get; set; }

        public string? ValidUntil { get; set; }

        public string? Provision { get; set; }

        public string? WeighedBy { get; set; }
    }

    /// <summary>The investigation's extension: the new last day and the special reason.</summary>
    public sealed class ExtensionInput
    {
        public string? NewDueDate { get; set; }

        public string? Reason { get; set; }
    }

    /// <summary>One action of the plan form.</summary>
    public sealed class PlanActionInput
    {
        public string? What { get; set; }

        public string? Agency { get; set; }

        public string? ByDate { get; set; }
    }
}
