using System.Globalization;
using System.Security.Claims;
using Coordination.Contracts.Inspections;
using Coordination.Host.Inspections.Rounds;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Participation;

/// <summary>A participating agency answers a request to take part in a round: accept, decline, or propose another time.</summary>
internal static class ParticipationEndpoints
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static void MapParticipationEndpoints(this IEndpointRouteBuilder inspections)
    {
        var participation = inspections.MapGroup("/participation/{taskId:guid}").WithTags("Inspections: participation");
        participation.MapPost("/accept", (Guid taskId, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock) =>
            AnswerAsync(taskId, InspectionTaskStatus.Accepted, new ParticipationAnswerRequest(null, null, null), user, db, publish, clock));
        participation.MapPost("/decline", (Guid taskId, ParticipationAnswerRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock) =>
            AnswerAsync(taskId, InspectionTaskStatus.Declined, request, user, db, publish, clock));
        participation.MapPost("/propose", (Guid taskId, ParticipationAnswerRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock) =>
            AnswerAsync(taskId, InspectionTaskStatus.OtherTimeProposed, request, user, db, publish, clock));
    }

    internal static async Task<IResult> AnswerAsync(
        Guid taskId, InspectionTaskStatus answer, ParticipationAnswerRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        var task = await db.Set<InspectionTask>().FirstOrDefaultAsync(t => t.Id == taskId && t.Kind == InspectionTaskKind.TakePartInRound);
        if (task is null || !user.IsMemberOf(task.MunicipalityId, task.AgencyKind))
        {
            return InspectionProblems.NotFound("Participation request");
        }

        if (!task.IsOpen)
        {
            return InspectionProblems.Conflict("Already answered", $"This request is {task.Status}; it cannot be answered again.");
        }

        var errors = new ValidationErrors();
        var now = clock.GetUtcNow();
        DateTimeOffset? proposed = null;
        string? note = request.Reason?.Trim();
        if (answer == InspectionTaskStatus.Declined)
        {
            note = errors.Required("reason", request.Reason);
        }
        else if (answer == InspectionTaskStatus.OtherTimeProposed)
        {
            var date = RoundDates.Within(errors, "date", errors.Date("date", request.Date), now);
            var time = errors.Time("eveningStart", request.EveningStart);
            if (date is { } d && time is { } t)
            {
                var local = d.ToDateTime(t);
                proposed = new DateTimeOffset(local, Stockholm.GetUtcOffset(local)).ToUniversalTime();
                if (proposed <= now)
                {
                    errors.Add("date", "Propose a coming evening.");
                }
            }
        }

        errors.MaxLength("reason", note, TextLimits.ParticipationReason);
        if (errors.Any)
        {
            return errors.Problem();
        }

        task.Complete(answer, now);
        task.ProposedStart = proposed;
        task.Note = note;
        if (InspectionRound.Requires(task.AgencyKind) && await db.Set<InspectionRound>().FindAsync(task.RoundId) is { } round)
        {
            round.Status = answer == InspectionTaskStatus.Accepted ? RoundStatus.Confirmed : RoundStatus.NeedsReplanning;
        }

        await publish.Publish(new ParticipationAnswered(task.Id, task.RoundId!.Value, task.MunicipalityId, answer.ToString(), proposed, note));
        await db.SaveChangesAsync();
        return TypedResults.Ok(new
        {
            taskId = task.Id,
            status = task.Status.ToString(),
            proposedStart = proposed?.ToString("O", CultureInfo.InvariantCulture),
            task.Note,
        });
    }
}
