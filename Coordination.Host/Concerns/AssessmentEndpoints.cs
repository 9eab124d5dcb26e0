using System.Globalization;
using Coordination.Contracts.Concerns;
using Coordination.Host.WebUi;
using Coordination.Workflows.Calendar;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>Social services' steps: protective assessment, preliminary-assessment decision, investigation extension and completion, feedback to the reporter.</summary>
internal static class AssessmentEndpoints
{
    /// <summary>The chronology entry of the protective assessment: written once per concern.</summary>
    private const string ProtectiveAssessmentDone = StepsRecordedOnTheConcern.ProtectiveAssessmentDone;

    private const string PreliminaryAssessmentDecided = "PreliminaryAssessmentDecided";

    private const string ReporterFeedbackGiven = StepsRecordedOnTheConcern.ReporterFeedbackGiven;

    public static RouteGroupBuilder MapAssessments(this RouteGroupBuilder concerns)
    {
        concerns.MapPost("/{id:guid}/protective-assessment", ProtectiveAssessmentAsync);
        concerns.MapPost("/{id:guid}/preliminary-assessment", PreliminaryAssessmentAsync);
        concerns.MapPost("/{id:guid}/investigation/extension", ExtendInvestigationAsync);
        concerns.MapPost("/{id:guid}/investigation/completion", CompleteInvestigationAsync);
        concerns.MapPost("/{id:guid}/feedback", FeedbackAsync);
        return concerns;
    }

    internal static async Task<IResult> ProtectiveAssessmentAsync(
        Guid id, ProtectiveAssessmentRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.ImmediateProtectionNeeded is not { } protectionNeeded)
        {
            return Problems.Invalid("immediateProtectionNeeded", "Say whether the young person needs protection at once (true or false).");
        }

        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        if (NotOpen(file) is { } notOpen)
        {
            return notOpen;
        }

        // The workflow stores the time a moment after this request, in any open state (also after
        // the preliminary decision); until it has, the chronology line written with the first
        // request refuses a repeat (RecordStepAsync looks for it holding the concern's row).
        if (file.State!.ProtectiveAssessmentDoneAt is { } stored)
        {
            return ProtectiveAssessmentAlreadyRecorded(stored);
        }

        var now = clock.GetUtcNow();
        return await RecordStepAsync(db, bus, id, AgencyTaskKind.ProtectiveAssessment, file.Viewer.UserId, now,
            new ProtectiveAssessmentCompleted(id, file.Viewer.UserId, now, protectionNeeded),
            CaseEvent.Of(id, now, ProtectiveAssessmentDone, CaseEventAudience.SocialServices,
                protectionNeeded ? "Protective assessment: immediate protection needed." : "Protective assessment: no immediate protection needed.", file.Viewer.UserId),
            cancellationToken) is { } first
            ? ProtectiveAssessmentAlreadyRecorded(first)
            : TypedResults.NoContent();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ProtectiveAssessmentAlreadyRecorded(DateTimeOffset at) =>
        Problems.Conflict(
            "Protective assessment already recorded",
            $"The protective assessment of this concern was recorded {StockholmTime.Show(at)} (Stockholm time); it is recorded once.",
            new Dictionary<string, object?> { ["recordedAt"] = at });

    internal static async Task<IResult> PreliminaryAssessmentAsync(
        Guid id, PreliminaryAssessmentRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var decision = errors.Name<PreliminaryDecision>("decision", request.Decision);
        if (errors.Any)
        {
            return Problems.Invalid(errors.Errors);
        }

        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        if (NotOpen(file) is { } notOpen)
        {
            return notOpen;
        }

        if (file.State!.PreliminaryDecision is { } decided)
        {
            return Problems.Conflict(
                "Preliminary assessment already decided",
                $"The preliminary assessment was decided ({decided}) {StockholmTime.Show(file.State.DecidedAt)} (Stockholm time); it is decided once.",
                new Dictionary<string, object?> { ["decision"] = decided.ToString(), ["decidedAt"] = file.State.DecidedAt });
        }

        var now = clock.GetUtcNow();
        var (_, rules) = await db.CurrentAsync(file.Concern.MunicipalityId, cancellationToken);
        var calendar = rules.Calendar();
        DateTimeOffset? investigationDue = decision == PreliminaryDecision.NotOpened ? null : calendar.CalendarDeadline(now, CalendarPeriod.OfMonths(4));
        var agencies = await db.ByKindAsync(file.Concern.MunicipalityId, cancellationToken);

        // Decided a moment ago, and the workflow has not stored it yet (the case page still shows
        // the form), or by a request sent at the same moment: a second decision would be told it
        // was taken, its feedback task would be one nobody can complete, and the workflow would
        // keep the first.
        var decidedAt = await RecordOnceAsync(db, id,
            CaseEvent.Of(id, now, PreliminaryAssessmentDecided, CaseEventAudience.SocialServices, $"Preliminary assessment: {decision}.", file.Viewer.UserId),
            async () =>
            {
                await bus.Publish(new PreliminaryAssessmentDecided(id, decision!.Value, file.Viewer.UserId, now, investigationDue), cancellationToken);
                await bus.Publish(TaskOffers.Offer(rules, id, file.Concern.MunicipalityId, agencies[Workflows.Identity.AgencyKind.SocialServices],
                    AgencyTaskKind.ReporterFeedback, "Feedback to the reporter (återkoppling)", now, calendar.DeadlineInWorkingDays(now, rules.FeedbackWorkingDays), endsWithSharing: false), cancellationToken);
            },
            cancellationToken);
        return decidedAt is { } first
            ? Problems.Conflict(
                "Preliminary assessment already decided",
                $"The preliminary assessment was decided {StockholmTime.Show(first)} (Stockholm time); it is decided once.",
                new Dictionary<string, object?> { ["decidedAt"] = first })
            : TypedResults.Ok(new { decision = decision!.Value.ToString(), investigationDue });
    }

    internal static async Task<IResult> ExtendInvestigationAsync(
        Guid id, InvestigationExtensionRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var newDate = errors.Date("newDueDate", request.NewDueDate);
        var reason = errors.Text("reason", request.Reason, 1000, "The special reason for the extension");
        if (errors.Any)
        {
            return Problems.Invalid(errors.Errors);
        }

        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        if (file.State?.InvestigationDue is not { } currentDue || file.IsClosed || file.State.InvestigationCompletedAt is not null)
        {
            return Problems.Conflict("No investigation", "Only an open investigation can be extended.");
        }

        // A day before the current deadline's is refused before it is turned into an instant: the
        // first days of the calendar have no instant in Stockholm time before some office hours' ends.
        var currentDay = StockholmTime.Today(currentDue);
        if (newDate!.Value < currentDay)
        {
            return ExtensionNotLater();
        }

        // An extension is to a set later date (SoL 11 kap. 2 §), and may be made again: one that
        // reaches more than a year past the current deadline is most likely a mistyped year, which
        // would take the investigation off the managers' near-limit and overdue lists for years.
        var latest = currentDay.AddYears(1);
        if (newDate.Value > latest)
        {
            return Problems.Invalid("newDueDate", string.Create(CultureInfo.InvariantCulture, $"An extension ends no later than {latest:yyyy-MM-dd}, a year after the current deadline; extend again when that is not enough."));
        }

        var (_, rules) = await db.CurrentAsync(file.Concern.MunicipalityId, cancellationToken);
        var newDue = rules.Calendar().EndOfWorkingDay(newDate.Value);
        if (newDue <= currentDue)
        {
            return ExtensionNotLater();
        }

        var now = clock.GetUtcNow();
        await bus.Publish(new InvestigationExtended(id, newDue, reason!, file.Viewer.UserId, now), cancellationToken);
        db.Add(CaseEvent.Of(id, now, "InvestigationExtended", CaseEventAudience.SocialServices, $"Investigation extended: {reason}", file.Viewer.UserId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new { investigationDue = newDue });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ExtensionNotLater() =>
        Problems.Invalid("newDueDate", "An extension must end after the current deadline.");

    internal static async Task<IResult> CompleteInvestigationAsync(
        Guid id, InvestigationCompletionRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var conclusion = errors.Name<InvestigationConclusion>("conclusion", request.Conclusion);
        if (errors.Any)
        {
            return Problems.Invalid(errors.Errors);
        }

        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        if (file.State?.InvestigationDue is null || file.IsClosed || file.State.InvestigationCompletedAt is not null)
        {
            return Problems.Conflict("No open investigation", "Only an open investigation can be finished, and only once.");
        }

        var now = clock.GetUtcNow();
        var late = now > file.State.InvestigationDue ? " after its deadline" : string.Empty;
        var finished = await RecordOnceAsync(db, id,
            CaseEvent.Of(id, now, "InvestigationCompleted", CaseEventAudience.SocialServices, $"Investigation finished{late}: {conclusion}.", file.Viewer.UserId),
            () => bus.Publish(new InvestigationCompleted(id, conclusion!.Value, file.Viewer.UserId, now), cancellationToken),
            cancellationToken);
        return finished is null
            ? TypedResults.Ok(new { conclusion = conclusion!.Value.ToString(), completedAt = now })
            : Problems.Conflict("No open investigation", "Only an open investigation can be finished, and only once.");
    }

    /// <summary>
    /// Social services give the reporter feedback. Access is checked first: anyone without social
    /// services' full access is refused the same whatever the body and the concern's state, so
    /// the answer does not tell whether the preliminary decision has been made.
    /// </summary>
    internal static async Task<IResult> FeedbackAsync(
        Guid id, FeedbackRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        var errors = new ValidationErrors();
        var outcome = errors.Name<ReporterFeedback>("outcome", request.Outcome);
        if (errors.Any)
        {
            return Problems.Invalid(errors.Errors);
        }

        return await GiveFeedbackAsync(file, outcome!.Value, db, bus, clock, cancellationToken);
    }

    /// <summary>
    /// The case page's feedback form, which offers no choice: the feedback the decision calls for
    /// (<see cref="FeedbackFor"/>). The decision is read only once access is granted, so another
    /// agency or the reporter is refused as by <see cref="FeedbackAsync"/>, before and after it.
    /// </summary>
    internal static async Task<IResult> FeedbackTheDecisionCallsForAsync(
        Guid id, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        return await GiveFeedbackAsync(file, file.State?.PreliminaryDecision is { } decision ? FeedbackFor(decision) : null, db, bus, clock, cancellationToken);
    }

    /// <summary>Gives <paramref name="outcome"/> on a concern social services hold (null: no decision to follow yet, refused as not open).</summary>
    private static async Task<IResult> GiveFeedbackAsync(
        CaseFile file, ReporterFeedback? outcome, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, CancellationToken cancellationToken)
    {
        var id = file.Concern.Id;

        // Given once: also when the workflow has not stored the first yet (RecordStepAsync finds
        // its chronology line). A closed concern still takes the feedback it owes the reporter
        // (the workflow keeps it after the close too).
        if (file.State?.PreliminaryDecision is null || file.State.FeedbackGiven is not null || outcome is null)
        {
            return Problems.Conflict("Feedback not open", "Feedback follows the preliminary-assessment decision and is given once.");
        }

        var truthful = FeedbackFor(file.State.PreliminaryDecision.Value);
        if (outcome != truthful)
        {
            return Problems.Invalid("outcome", $"The preliminary assessment decided {file.State.PreliminaryDecision}; the reporter must be told {truthful}.");
        }

        var now = clock.GetUtcNow();
        return await RecordStepAsync(db, bus, id, AgencyTaskKind.ReporterFeedback, file.Viewer.UserId, now,
            new ReporterFeedbackGiven(id, outcome!.Value, file.Viewer.UserId, now),
            CaseEvent.Of(id, now, ReporterFeedbackGiven, CaseEventAudience.Reporter, $"Feedback to the reporter: {outcome}.", file.Viewer.UserId),
            cancellationToken) is null
            ? TypedResults.NoContent()
            : Problems.Conflict("Feedback not open", "Feedback follows the preliminary-assessment decision and is given once.");
    }

    /// <summary>
    /// Records a step taken on the concern that a task of its own waits for: the task completed if
    /// its offer has arrived, the step's message and its chronology line, in one transaction that
    /// first takes the concern's row, as the task's offer does (<see cref="ConcernClosure.IsClosedAsync"/>).
    /// So either the offer came first and its task is found here, or it comes after and finds the
    /// chronology line, and the task is born done (<see cref="StepsRecordedOnTheConcern"/>): a step
    /// taken is never left as an open task, reminded and escalated. The step is taken once: holding
    /// the row, the request looks again for the step's line, which a request sent at the same moment
    /// may have committed since the caller looked; then nothing is written and the time it was
    /// recorded is returned (null when this request recorded it).
    /// </summary>
    private static Task<DateTimeOffset?> RecordStepAsync(
        CoordinationDbContext db, IPublishEndpoint bus, Guid id, AgencyTaskKind kind, Guid userId, DateTimeOffset now, object step, CaseEvent line, CancellationToken cancellationToken) =>
        RecordOnceAsync(db, id, line, async () =>
        {
            if (await db.OpenTaskAsync(id, kind, cancellationToken) is { } task)
            {
                await bus.Publish(new AgencyTaskCompleted(task.CorrelationId, userId, now), cancellationToken);
            }

            await bus.Publish(step, step.GetType(), cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// A step taken once on the concern, marked by its chronology <paramref name="line"/>: in one
    /// transaction that first takes the concern's row, looks for the line (a request sent at the
    /// same moment may have committed it since the caller looked), and if it is not there runs
    /// <paramref name="publish"/> (its messages go to the outbox) and writes the line. Returns when
    /// the step was already recorded, or null when this request recorded it.
    /// </summary>
    private static async Task<DateTimeOffset?> RecordOnceAsync(CoordinationDbContext db, Guid id, CaseEvent line, Func<Task> publish, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TakeConcernRowAsync(id, cancellationToken);
        if (await RecordedAtAsync(db, id, line.Kind, cancellationToken) is { } first)
        {
            return first;
        }

        await publish();
        db.Add(line);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The feedback that tells the reporter the truth about the decision: the only one <c>POST .../feedback</c> accepts.</summary>
    internal static ReporterFeedback FeedbackFor(PreliminaryDecision decision) => decision switch
    {
        PreliminaryDecision.Opened => ReporterFeedback.InvestigationOpened,
        PreliminaryDecision.NotOpened => ReporterFeedback.InvestigationNotOpened,
        _ => ReporterFeedback.AlreadyOngoing,
    };

    /// <summary>
    /// When the concern's chronology recorded this step, or null. The entry is written with the
    /// request and the workflow stores the step a moment later, so a repeat sent in between is
    /// refused too.
    /// </summary>
    private static Task<DateTimeOffset?> RecordedAtAsync(CoordinationDbContext db, Guid id, string kind, CancellationToken cancellationToken) =>
        db.Set<CaseEvent>().Where(e => e.ConcernId == id && e.Kind == kind).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Why an assessment cannot be recorded on the concern now, or null: still being registered, or closed.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? NotOpen(CaseFile file) =>
        file.State is null ? Problems.Conflict("Concern still being registered", "The concern is still being registered; try again in a moment.")
        : file.IsClosed ? Problems.Conflict("Concern closed", $"The concern was closed {StockholmTime.Show(file.ClosedAt)} (Stockholm time) and takes no more assessments.")
        : null;
}
