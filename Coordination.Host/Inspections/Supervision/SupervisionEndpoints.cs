using System.Globalization;
using System.Security.Claims;
using Coordination.Contracts.Inspections;
using Coordination.Host.Inspections.Visits;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Inspections.Risk;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Supervision;

/// <summary>
/// Supervision cases, for the licensing unit only: the police never see the deliberations,
/// only a decided sanction in the venue's register.
/// </summary>
internal static class SupervisionEndpoints
{
    public static void MapSupervisionEndpoints(this IEndpointRouteBuilder inspections)
    {
        var cases = inspections.MapGroup("/supervision-cases").WithTags("Inspections: supervision");
        cases.MapGet("/", ListAsync);
        cases.MapGet("/{id:guid}", GetAsync);
        cases.MapPost("/{id:guid}/kommunicering", CommunicateAsync);
        cases.MapPost("/{id:guid}/reply", ReplyAsync);
        cases.MapPost("/{id:guid}/decision", DecideAsync);
        cases.MapPost("/{id:guid}/appeal", AppealAsync);
        cases.MapPost("/{id:guid}/follow-up", FollowUpHeldAsync);
        cases.MapPost("/{id:guid}/close", CloseAsync);
    }

    internal static async Task<IResult> ListAsync(Guid municipalityId, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        if (!user.IsLicensing(municipalityId))
        {
            return TypedResults.Ok(Array.Empty<object>());
        }

        var cases = (await db.Set<SupervisionCase>().AsNoTracking().Where(c => c.MunicipalityId == municipalityId).ToListAsync()).OrderBy(c => c.OpenedAt).ToList();
        await audit.ListedAsync(cases.Select(c => InspectionRead.SupervisionCase(c, "supervision case list")));
        return TypedResults.Ok(cases.Select(SupervisionView.From).ToList());
    }

    internal static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        await audit.ReadAsync(InspectionRead.SupervisionCase(supervision));
        return TypedResults.Ok(SupervisionView.From(supervision));
    }

    internal static async Task<IResult> CommunicateAsync(
        Guid id, KommuniceringRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        // Once the licensee has had their say, a new kommunicering is only for a harsher proposal:
        // the board may decide the communicated sanction or a milder one without it (förvaltningslagen 25 §).
        var earlier = supervision.Status == SupervisionStatus.AwaitingDecision ? supervision.ProposedSanction : null;
        if (supervision.Status != SupervisionStatus.Opened && earlier is null)
        {
            return InspectionProblems.Conflict("Already communicated", $"The case is {supervision.Status}; the proposal was communicated before.");
        }

        var errors = new ValidationErrors();
        var proposed = errors.Enum<Sanction>("proposedSanction", request.ProposedSanction);
        var text = errors.Required("text", request.Text);
        errors.MaxLength("text", text, TextLimits.KommuniceringText);
        if (earlier is { } told && proposed is { } harsher && harsher <= told)
        {
            errors.Add("proposedSanction", $"The licensee was told of {told} and has had their say; the board may decide it or a milder sanction as it is. A new kommunicering is for a harsher proposal.");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var now = clock.GetUtcNow();
        var settings = await db.InspectionSettingsForAsync(supervision.MunicipalityId);
        if (earlier is { } previous)
        {
            // The first round is kept in the venue's history before the case is set for the second.
            var reply = supervision.RepliedAt is { } repliedAt
                ? string.Create(CultureInfo.InvariantCulture, $"The licensee replied on {repliedAt:yyyy-MM-dd}: {supervision.Reply}")
                : "The licensee did not reply in time.";
            await AddHistoryAsync(db, supervision, now, VenueHistoryKind.KommuniceringSent, string.Create(CultureInfo.InvariantCulture, $"The proposal of {previous} communicated on {supervision.KommuniceringSentAt:yyyy-MM-dd} is replaced by a harsher one. {reply}"));
            supervision.Reply = null;
            supervision.RepliedAt = null;
            foreach (var task in await OpenDecisionTasksAsync(db, supervision.Id))
            {
                task.Complete(InspectionTaskStatus.Cancelled, now);
                await publish.EndedAsync(task);
            }
        }

        supervision.ProposedSanction = proposed;
        supervision.KommuniceringText = text;
        supervision.KommuniceringSentAt = now;
        supervision.ReplyDueAt = InspectionDeadlines.KommuniceringReply(await InspectionDeadlines.CalendarAsync(db, supervision.MunicipalityId), now, settings);
        supervision.Status = SupervisionStatus.AwaitingReply;
        await AddHistoryAsync(db, supervision, now, VenueHistoryKind.KommuniceringSent, $"The proposed decision was communicated to the licensee; reply by {supervision.ReplyDueAt:yyyy-MM-dd}.");
        await publish.Publish(new KommuniceringSent(supervision.Id, supervision.ReplyDueAt.Value));
        await db.SaveChangesAsync();
        return TypedResults.Ok(SupervisionView.From(supervision));
    }

    /// <summary>
    /// The licensee's reply, and when it arrived (now unless the official says otherwise). One that
    /// arrived by the reply time counts, also when it is entered after the reply time's timer
    /// prepared the decision without it (<see cref="SupervisionLateEntry"/>); once the board has
    /// decided without it, it is refused (409): whether to reconsider a decision taken without an
    /// in-time reply is the officer's to weigh, not something the service changes by itself.
    /// </summary>
    internal static async Task<IResult> ReplyAsync(Guid id, ReplyRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        if (supervision.KommuniceringSentAt is not { } sentAt || supervision.ReplyDueAt is not { } due)
        {
            return InspectionProblems.Conflict("Not awaiting a reply", $"The case is {supervision.Status}: a reply is to a proposal communicated to the licensee, and none has been.");
        }

        if (supervision.RepliedAt is { } repliedAt)
        {
            return InspectionProblems.Conflict("Already replied", string.Create(CultureInfo.InvariantCulture, $"The licensee's reply received on {repliedAt:yyyy-MM-dd} is recorded."));
        }

        var errors = new ValidationErrors();
        var now = clock.GetUtcNow();
        var received = request.ReceivedAt ?? now;
        if (received > now)
        {
            errors.Add("receivedAt", "A reply is recorded once it has arrived.");
        }
        else if (received < sentAt)
        {
            errors.Add("receivedAt", string.Create(CultureInfo.InvariantCulture, $"A reply is to the proposal communicated {sentAt:yyyy-MM-dd HH:mm} UTC and cannot have arrived before it."));
        }
        else if (received > due)
        {
            errors.Add("receivedAt", string.Create(CultureInfo.InvariantCulture, $"The reply time ended {due:yyyy-MM-dd HH:mm} UTC; a reply received after it is not recorded as the licensee's reply."));
        }

        var text = errors.Required("text", request.Text);
        errors.MaxLength("text", text, TextLimits.Reply);
        if (errors.Any || text is null)
        {
            return errors.Problem();
        }

        if (supervision.DecidedAt is { } decidedAt)
        {
            return InspectionProblems.Conflict(
                "Decided without the reply",
                string.Create(CultureInfo.InvariantCulture, $"The reply was received in time, on {received:yyyy-MM-dd} (the reply time ended {due:yyyy-MM-dd}), but the board decided {supervision.Decision} on {decidedAt:yyyy-MM-dd} without it, and it is not recorded on the decided case. Whether the decision is to be reconsidered with it (förvaltningslagen 37–38 §§) is for the licensing officer to weigh."));
        }

        if (supervision.Status == SupervisionStatus.AwaitingDecision)
        {
            // The reply time's timer ran out first and prepared the decision without the reply.
            await db.ReplyAfterReplyTimeAsync(supervision, text, received, now);
        }
        else
        {
            supervision.Reply = text;
            supervision.RepliedAt = received;
            supervision.ReplyEnteredAt = now;
            await publish.Publish(new KommuniceringReplied(supervision.Id, received));
        }

        await db.SaveChangesAsync();
        return TypedResults.Ok(SupervisionView.From(supervision));
    }

    internal static async Task<IResult> DecideAsync(
        Guid id, DecisionRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        if (supervision.Status != SupervisionStatus.AwaitingDecision)
        {
            return InspectionProblems.Conflict(
                "Not ready for a decision",
                $"The case is {supervision.Status}: the board decides after the licensee replied to the kommunicering or the reply time ran out.");
        }

        var errors = new ValidationErrors();
        var sanction = errors.Enum<Sanction>("sanction", request.Sanction);
        errors.MaxLength("justification", request.Justification?.Trim(), TextLimits.Justification);
        if (errors.Any || sanction is not { } decided)
        {
            return errors.Problem();
        }

        if (decided > supervision.ProposedSanction)
        {
            errors.Add("sanction", $"The licensee was told of {supervision.ProposedSanction} and has not had their say on {decided}. Communicate the harsher proposal first (kommunicering, förvaltningslagen 25 §).");
            return errors.Problem("Harsher than the proposal communicated");
        }

        var history = await db.Set<VenueHistoryEntry>().AsNoTracking().Where(e => e.VenueId == supervision.VenueId).ToListAsync();
        if (SanctionLadder.Refusal(decided, RiskAssessment.Sanctions(history), request.MostSeriousCase, request.Justification) is { } refusal)
        {
            errors.Add(request.MostSeriousCase ? "justification" : "sanction", refusal);
            return errors.Problem("Återkallelse refused by the sanction ladder");
        }

        var now = clock.GetUtcNow();
        var settings = await db.InspectionSettingsForAsync(supervision.MunicipalityId);
        supervision.Decision = decided;
        supervision.DecidedAt = now;
        supervision.MostSeriousCase = request.MostSeriousCase;
        supervision.Justification = request.Justification?.Trim();
        supervision.AppealEndsAt = InspectionDeadlines.AppealEnds(await InspectionDeadlines.CalendarAsync(db, supervision.MunicipalityId), now);
        supervision.NextFollowUpAt = now.AddMonths(settings.SupervisionFollowUpMonths);
        supervision.Status = SupervisionStatus.AppealWindowOpen;
        var venue = await db.Set<Venue>().FirstAsync(v => v.Id == supervision.VenueId);
        var entry = VenueHistoryEntry.For(venue, now, VenueHistoryKind.SanctionDecided, $"Decision: {decided}. Appeal possible until {supervision.AppealEndsAt:yyyy-MM-dd}.");
        entry.Sanction = decided;
        entry.SupervisionCaseId = supervision.Id;
        db.Add(entry);
        foreach (var task in await OpenDecisionTasksAsync(db, id))
        {
            task.Complete(InspectionTaskStatus.Done, now);
            await publish.EndedAsync(task);
        }

        if (decided != Sanction.Aterkallelse)
        {
            await ReInspection.ScheduleAsync(db, publish, venue, now, settings, supervision.VisitId, $"{decided} decided");
        }

        await publish.Publish(new SanctionDecided(supervision.Id, venue.Id, decided.ToString(), now, supervision.AppealEndsAt.Value, supervision.NextFollowUpAt.Value));
        await db.SaveChangesAsync();
        return TypedResults.Ok(SupervisionView.From(supervision));
    }

    /// <summary>
    /// The licensee's appeal, and when it arrived (now unless the official says otherwise). One that
    /// arrived within the window counts, also when it is entered after the window's timer marked the
    /// decision final (<see cref="SupervisionLateEntry"/>): the case is appealed, not final.
    /// </summary>
    internal static async Task<IResult> AppealAsync(Guid id, AppealRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        if (supervision.Status is SupervisionStatus.Appealed or SupervisionStatus.Closed || supervision.AppealEndsAt is not { } appealEnds)
        {
            return InspectionProblems.Conflict(
                supervision.Status == SupervisionStatus.Appealed ? "Already appealed" : "Not open for appeal",
                supervision.Status == SupervisionStatus.Appealed
                    ? $"The licensee's appeal was recorded on {supervision.AppealLodgedAt:yyyy-MM-dd}."
                    : $"The case is {supervision.Status}: an appeal is recorded against a decision, while the case is open.");
        }

        var errors = new ValidationErrors();
        var now = clock.GetUtcNow();
        var received = request.ReceivedAt ?? now;
        if (received > appealEnds)
        {
            errors.Add("receivedAt", $"The appeal window ended {appealEnds:yyyy-MM-dd HH:mm} UTC; a late appeal is sent on to the court with that remark, not recorded here.");
        }
        else if (received > now)
        {
            errors.Add("receivedAt", "An appeal is recorded once it has arrived.");
        }
        else if (supervision.DecidedAt is { } decidedAt && received < decidedAt)
        {
            errors.Add("receivedAt", $"An appeal is against the decision of {decidedAt:yyyy-MM-dd HH:mm} UTC and cannot have arrived before it.");
        }

        var text = errors.Required("text", request.Text);
        errors.MaxLength("text", text, TextLimits.AppealText);
        if (errors.Any)
        {
            return errors.Problem();
        }

        await AddHistoryAsync(db, supervision, received, VenueHistoryKind.AppealLodged, $"The licensee appealed the decision: {text}");
        if (supervision.Status == SupervisionStatus.DecisionFinal)
        {
            // The window's timer closed it first and marked the decision final.
            await db.AppealAfterWindowAsync(supervision, await db.Set<Venue>().FirstAsync(v => v.Id == supervision.VenueId), received, now);
        }
        else
        {
            supervision.AppealLodgedAt = received;
            supervision.AppealEnteredAt = now;
            supervision.Status = SupervisionStatus.Appealed;
            await publish.Publish(new AppealLodged(supervision.Id, received));
        }

        await db.SaveChangesAsync();
        return TypedResults.Ok(SupervisionView.From(supervision));
    }

    /// <summary>The six-monthly follow-up that came due was held; see <see cref="SupervisionFollowUp"/>.</summary>
    internal static async Task<IResult> FollowUpHeldAsync(Guid id, FollowUpRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        var venue = await db.Set<Venue>().FirstAsync(v => v.Id == supervision.VenueId);
        if (supervision.Status == SupervisionStatus.Closed || venue.OpenSupervisionCaseId != supervision.Id || venue.FollowUpDueAt is null)
        {
            return InspectionProblems.Conflict(
                "No follow-up due",
                supervision.NextFollowUpAt is { } next && supervision.Status != SupervisionStatus.Closed
                    ? $"The case's follow-up is held once it has come due; the next is due {next:yyyy-MM-dd}."
                    : $"The case is {supervision.Status}: it has no follow-up due.");
        }

        var errors = new ValidationErrors();
        var note = errors.Required("note", request.Note);
        errors.MaxLength("note", note, TextLimits.FollowUpNote);
        if (errors.Any || note is null)
        {
            return errors.Problem();
        }

        await SupervisionFollowUp.HeldAsync(db, publish, venue, supervision.Id, note, clock.GetUtcNow());

        // The case's version moves on, so that of two officers recording the same follow-up at
        // once one is saved and the other is told it changed at the same time.
        db.Entry(supervision).State = EntityState.Modified;
        await db.SaveChangesAsync();
        return TypedResults.Ok(SupervisionView.From(supervision));
    }

    internal static async Task<IResult> CloseAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        if (supervision.Status is SupervisionStatus.Closed or SupervisionStatus.Opened or SupervisionStatus.AwaitingReply or SupervisionStatus.AwaitingDecision)
        {
            return InspectionProblems.Conflict("Cannot close", $"The case is {supervision.Status}: supervision ends after a decision.");
        }

        var now = clock.GetUtcNow();
        supervision.Status = SupervisionStatus.Closed;
        supervision.ClosedAt = now;
        supervision.NextFollowUpAt = null;
        var venue = await db.Set<Venue>().FirstAsync(v => v.Id == supervision.VenueId);
        venue.OpenSupervisionCaseId = null;
        venue.FollowUpDueAt = null;
        foreach (var task in await SupervisionFollowUp.OpenTasksAsync(db, supervision.Id))
        {
            task.Complete(InspectionTaskStatus.Cancelled, now);
            await publish.EndedAsync(task);
        }

        await AddHistoryAsync(db, supervision, now, VenueHistoryKind.SupervisionClosed, "The supervision ended.");
        await publish.Publish(new SupervisionCaseClosed(supervision.Id));
        await db.SaveChangesAsync();
        return TypedResults.Ok(SupervisionView.From(supervision));
    }

    private static async Task<SupervisionCase?> VisibleAsync(CoordinationDbContext db, Guid id, ClaimsPrincipal user)
    {
        var supervision = await db.Set<SupervisionCase>().FirstOrDefaultAsync(c => c.Id == id);
        return supervision is not null && user.IsLicensing(supervision.MunicipalityId) ? supervision : null;
    }

    private static Task<List<InspectionTask>> OpenDecisionTasksAsync(CoordinationDbContext db, Guid caseId) =>
        db.Set<InspectionTask>().Where(t => t.SupervisionCaseId == caseId && t.Kind == InspectionTaskKind.DecideSupervisionCase && t.Status == InspectionTaskStatus.Open).ToListAsync();

    private static async Task AddHistoryAsync(CoordinationDbContext db, SupervisionCase supervision, DateTimeOffset at, VenueHistoryKind kind, string text)
    {
        var venue = await db.Set<Venue>().FirstAsync(v => v.Id == supervision.VenueId);
        var entry = VenueHistoryEntry.For(venue, at, kind, text);
        entry.SupervisionCaseId = supervision.Id;
        db.Add(entry);
    }
}
