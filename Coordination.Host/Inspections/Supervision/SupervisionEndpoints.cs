using System.Globalization;
using System.Security.Claims;
using Coordination.Contracts.Inspections;
using Coordination.Host.Inspections.Visits;
using Coordination.Host.Security.Audit;
using Coordination.Host.WebUi;
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
        cases.MapPost("/{id:guid}/reply", ReplyAndAppealEndpoints.ReplyAsync);
        cases.MapPost("/{id:guid}/decision", DecideAsync);
        cases.MapPost("/{id:guid}/appeal", ReplyAndAppealEndpoints.AppealAsync);
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
        var settings = await db.InspectionSettingsForAsync(municipalityId);
        return TypedResults.Ok(cases.Select(c => SupervisionView.From(c, settings)).ToList());
    }

    internal static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, CoordinationDbContext db, InspectionReadAudit audit)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        await audit.ReadAsync(InspectionRead.SupervisionCase(supervision));
        return TypedResults.Ok(await ViewAsync(db, supervision));
    }

    internal static async Task<IResult> CommunicateAsync(
        Guid id, KommuniceringRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        // Once the licensee has had their say, a new kommunicering is only for a harsher proposal:
        // the board may decide the communicated sanction or a milder one without it (förvaltningslagen 25 §);
        // or for the serious remarks of a later visit that joined the case since, which the licensee
        // has not been told of: at any sanction then.
        var earlier = supervision.Status == SupervisionStatus.AwaitingDecision ? supervision.ProposedSanction : null;
        var uncommunicated = earlier is not null && await RemarksSinceKommuniceringAsync(db, supervision);
        if (supervision.Status != SupervisionStatus.Opened && earlier is null)
        {
            return InspectionProblems.Conflict("Already communicated", $"The case is {supervision.Status}; the proposal was communicated before.");
        }

        var errors = new ValidationErrors();
        var proposed = errors.Enum<Sanction>("proposedSanction", request.ProposedSanction);
        var text = errors.Required("text", request.Text);
        errors.MaxLength("text", text, TextLimits.KommuniceringText);
        if (earlier is { } told && proposed is { } harsher && harsher <= told && !uncommunicated)
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
            var by = uncommunicated ? "one that includes the remarks of a later visit" : "a harsher one";
            await AddHistoryAsync(db, supervision, now, VenueHistoryKind.KommuniceringSent, string.Create(CultureInfo.InvariantCulture, $"The proposal of {previous} communicated on {supervision.KommuniceringSentAt:yyyy-MM-dd} is replaced by {by}. {reply}"));
            var replaced = ReplacedProposal.Of(supervision, now);
            db.Add(replaced);
            supervision.ReplacedProposals.Add(replaced);
            supervision.Reply = null;
            supervision.RepliedAt = null;
            supervision.ReplyEnteredAt = null;
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
        await AddHistoryAsync(db, supervision, now, VenueHistoryKind.KommuniceringSent, $"The proposed decision was communicated to the licensee; reply by {StockholmTime.Show(StockholmTime.LastDay(supervision.ReplyDueAt!.Value))}.");
        await publish.Publish(new KommuniceringSent(supervision.Id, supervision.ReplyDueAt.Value));
        await db.SaveChangesAsync();
        return TypedResults.Ok(SupervisionView.From(supervision, settings));
    }

    /// <summary>
    /// Whether serious remarks of a later visit joined the case (<see cref="VenueHistoryKind.RemarksAddedToSupervision"/>)
    /// after its proposal was last communicated: the board may not decide on facts the licensee was not told of.
    /// </summary>
    private static Task<bool> RemarksSinceKommuniceringAsync(CoordinationDbContext db, SupervisionCase supervision) =>
        supervision.KommuniceringSentAt is { } sent
            ? db.Set<VenueHistoryEntry>().AnyAsync(e => e.SupervisionCaseId == supervision.Id && e.Kind == VenueHistoryKind.RemarksAddedToSupervision && e.At > sent)
            : Task.FromResult(false);

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

        if (await RemarksSinceKommuniceringAsync(db, supervision))
        {
            return InspectionProblems.Conflict(
                "Remarks not communicated",
                "Serious remarks of a later visit joined the case after the kommunicering: the licensee must be told of them and given time to reply before the board decides (förvaltningslagen 25 §). Communicate the proposal again.");
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
        var entry = VenueHistoryEntry.For(venue, now, VenueHistoryKind.SanctionDecided, $"Decision: {decided}. Appeal possible until {StockholmTime.Show(StockholmTime.LastDay(supervision.AppealEndsAt.Value))}.");
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
        return TypedResults.Ok(SupervisionView.From(supervision, settings));
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
        return TypedResults.Ok(await ViewAsync(db, supervision));
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
        return TypedResults.Ok(await ViewAsync(db, supervision));
    }

    internal static async Task<SupervisionCase?> VisibleAsync(CoordinationDbContext db, Guid id, ClaimsPrincipal user)
    {
        var supervision = await db.Set<SupervisionCase>().FirstOrDefaultAsync(c => c.Id == id);
        return supervision is not null && user.IsLicensing(supervision.MunicipalityId) ? supervision : null;
    }

    /// <summary>The view of <paramref name="supervision"/>, read with its municipality's settings.</summary>
    internal static async Task<SupervisionView> ViewAsync(CoordinationDbContext db, SupervisionCase supervision) =>
        SupervisionView.From(supervision, await db.InspectionSettingsForAsync(supervision.MunicipalityId));

    internal static Task<List<InspectionTask>> OpenDecisionTasksAsync(CoordinationDbContext db, Guid caseId) =>
        db.Set<InspectionTask>().Where(t => t.SupervisionCaseId == caseId && t.Kind == InspectionTaskKind.DecideSupervisionCase && t.Status == InspectionTaskStatus.Open).ToListAsync();

    internal static async Task AddHistoryAsync(CoordinationDbContext db, SupervisionCase supervision, DateTimeOffset at, VenueHistoryKind kind, string text)
    {
        var venue = await db.Set<Venue>().FirstAsync(v => v.Id == supervision.VenueId);
        var entry = VenueHistoryEntry.For(venue, at, kind, text);
        entry.SupervisionCaseId = supervision.Id;
        db.Add(entry);
    }
}
