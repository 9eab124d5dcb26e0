using System.Globalization;
using System.Security.Claims;
using Coordination.Contracts.Inspections;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Supervision;

/// <summary>
/// What the licensee sends in answer to a supervision case, the reply to a kommunicering and the
/// appeal of a decision, each with when it arrived: what arrived in time counts, also when it is
/// entered after its timer fired, as far as it can still take effect (ADR 0019, <see cref="SupervisionLateEntry"/>).
/// </summary>
internal static class ReplyAndAppealEndpoints
{
    /// <summary>
    /// The licensee's reply, and when it arrived (now unless the official says otherwise). One that
    /// arrived by the reply time counts, also when it is entered after the reply time's timer
    /// prepared the decision without it; once the board has decided without it, it is refused
    /// (409): whether to reconsider a decision taken without an in-time reply is the officer's to
    /// weigh, not something the service changes by itself. One that arrived before the proposal in
    /// force was communicated answers the proposal it replaced, and is judged by that one's reply time.
    /// </summary>
    internal static async Task<IResult> ReplyAsync(Guid id, ReplyRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await SupervisionEndpoints.VisibleAsync(db, id, user) is not { } supervision)
        {
            return InspectionProblems.NotFound("Supervision case");
        }

        if (supervision.KommuniceringSentAt is not { } sentAt || supervision.ReplyDueAt is not { } due)
        {
            return InspectionProblems.Conflict("Not awaiting a reply", $"The case is {supervision.Status}: a reply is to a proposal communicated to the licensee, and none has been.");
        }

        var now = clock.GetUtcNow();
        var received = request.ReceivedAt ?? now;
        if (received < sentAt && supervision.ReplacedProposals.Where(p => p.KommuniceringSentAt <= received).MaxBy(p => p.KommuniceringSentAt) is { } replaced)
        {
            return await ReplyToReplacedAsync(supervision, replaced, request.Text, received, now, db);
        }

        if (supervision.RepliedAt is { } repliedAt)
        {
            return InspectionProblems.Conflict("Already replied", string.Create(CultureInfo.InvariantCulture, $"The licensee's reply received on {repliedAt:yyyy-MM-dd} is recorded."));
        }

        var errors = new ValidationErrors();
        var first = supervision.ReplacedProposals.Select(p => p.KommuniceringSentAt).Append(sentAt).Min();
        if (received > now)
        {
            errors.Add("receivedAt", "A reply is recorded once it has arrived.");
        }
        else if (received < first)
        {
            errors.Add("receivedAt", string.Create(CultureInfo.InvariantCulture, $"A reply is to the proposal communicated {first:yyyy-MM-dd HH:mm} UTC and cannot have arrived before it."));
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

        if (supervision.DecidedAt is not null)
        {
            return DecidedWithoutReply(supervision, "The reply", received, due, "the reply time");
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
        return TypedResults.Ok(await SupervisionEndpoints.ViewAsync(db, supervision));
    }

    /// <summary>
    /// A reply that arrived while an earlier proposal was in force, entered after a new one
    /// replaced it: recorded against that proposal if it arrived within that proposal's reply time,
    /// refused as any reply once the board has decided. The reply time of the proposal in force runs on.
    /// </summary>
    private static async Task<IResult> ReplyToReplacedAsync(SupervisionCase supervision, ReplacedProposal replaced, string? requestText, DateTimeOffset received, DateTimeOffset now, CoordinationDbContext db)
    {
        var proposal = string.Create(CultureInfo.InvariantCulture, $"the proposal of {replaced.ProposedSanction} communicated {replaced.KommuniceringSentAt:yyyy-MM-dd}, replaced by a new one ({supervision.ProposedSanction}) on {replaced.ReplacedAt:yyyy-MM-dd}");
        if (replaced.RepliedAt is { } repliedAt)
        {
            return InspectionProblems.Conflict("Already replied", string.Create(CultureInfo.InvariantCulture, $"The licensee's reply to {proposal}, received on {repliedAt:yyyy-MM-dd}, is recorded."));
        }

        var errors = new ValidationErrors();
        if (received > replaced.ReplyDueAt)
        {
            errors.Add("receivedAt", string.Create(CultureInfo.InvariantCulture, $"A reply received then answers {proposal}, whose reply time ended {replaced.ReplyDueAt:yyyy-MM-dd HH:mm} UTC; a reply received after it is not recorded as the licensee's reply."));
        }

        var text = errors.Required("text", requestText);
        errors.MaxLength("text", text, TextLimits.Reply);
        if (errors.Any || text is null)
        {
            return errors.Problem();
        }

        if (supervision.DecidedAt is not null)
        {
            return DecidedWithoutReply(supervision, $"The reply to {proposal}", received, replaced.ReplyDueAt, "its reply time");
        }

        db.ReplyToReplacedProposal(await db.Set<Venue>().FirstAsync(v => v.Id == supervision.VenueId), replaced, text, received, now);

        // The case's version moves on, so that of two officers entering the same reply at once one
        // is saved and the other is told it changed at the same time.
        db.Entry(supervision).State = EntityState.Modified;
        await db.SaveChangesAsync();
        return TypedResults.Ok(await SupervisionEndpoints.ViewAsync(db, supervision));
    }

    /// <summary>
    /// The licensee's appeal, and when it arrived (now unless the official says otherwise). One that
    /// arrived within the window counts, also when it is entered after the window's timer marked the
    /// decision final (<see cref="SupervisionLateEntry"/>): the case is appealed, not final. Not
    /// after <see cref="SupervisionLateEntry.AppealEntryEndsAt(SupervisionCase, InspectionSettings)"/>: by then one received in time is no
    /// longer plausible (409).
    /// </summary>
    internal static async Task<IResult> AppealAsync(Guid id, AppealRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        if (await SupervisionEndpoints.VisibleAsync(db, id, user) is not { } supervision)
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

        var now = clock.GetUtcNow();
        var settings = await db.InspectionSettingsForAsync(supervision.MunicipalityId);
        if (supervision.AppealEntryEndsAt(settings) is { } entryEnds && now > entryEnds)
        {
            return InspectionProblems.Conflict(
                "Not open for appeal",
                string.Create(CultureInfo.InvariantCulture, $"The case is {supervision.Status}: the appeal window ended {appealEnds:yyyy-MM-dd HH:mm} UTC, and an appeal received in time could be entered until {entryEnds:yyyy-MM-dd HH:mm} UTC, {settings.LateAppealEntryDays} days after (the municipality's setting lateAppealEntryDays). One found only now is sent on to the court with a remark on when it arrived, outside the case."));
        }

        var errors = new ValidationErrors();
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

        await SupervisionEndpoints.AddHistoryAsync(db, supervision, received, VenueHistoryKind.AppealLodged, $"The licensee appealed the decision: {text}");
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
        return TypedResults.Ok(SupervisionView.From(supervision, settings));
    }

    /// <summary>A reply received in time after the board decided without it: not recorded, for the officer to weigh.</summary>
    private static IResult DecidedWithoutReply(SupervisionCase supervision, string reply, DateTimeOffset received, DateTimeOffset due, string replyTime) =>
        InspectionProblems.Conflict(
            "Decided without the reply",
            string.Create(CultureInfo.InvariantCulture, $"{reply} was received in time, on {received:yyyy-MM-dd} ({replyTime} ended {due:yyyy-MM-dd}), but the board decided {supervision.Decision} on {supervision.DecidedAt:yyyy-MM-dd} without it, and it is not recorded on the decided case. Whether the decision is to be reconsidered with it (förvaltningslagen 37–38 §§) is for the licensing officer to weigh."));
}
