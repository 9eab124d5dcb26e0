using System.Globalization;
using System.Security.Claims;
using Coordination.Contracts.Inspections;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Venues;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Visits;

/// <summary>
/// The outcome of a visit (DOMAIN.md Workflow B step 5): no remarks closes it, minor remarks
/// schedule a re-inspection, serious remarks open a supervision case.
/// </summary>
internal static class OutcomeEndpoints
{
    /// <summary>The title of the refusal when the venue's open supervision case has been decided.</summary>
    public const string SupervisionAlreadyDecided = "Supervision case already decided";

    public static async Task<IResult> DecideAsync(Guid id, OutcomeRequest request, ClaimsPrincipal user, CoordinationDbContext db, IPublishEndpoint publish, TimeProvider clock)
    {
        var visit = await db.Set<Visit>().Include(v => v.Entries).FirstOrDefaultAsync(v => v.Id == id);
        if (visit is null || !user.IsLicensing(visit.MunicipalityId))
        {
            return InspectionProblems.NotFound("Visit");
        }

        if (visit.Outcome is not null)
        {
            return InspectionProblems.Conflict("Outcome already decided", $"The outcome of this visit is already {visit.Outcome}.");
        }

        var errors = new ValidationErrors();
        var outcome = errors.Enum<VisitOutcome>("outcome", request.Outcome);
        if (outcome == VisitOutcome.NoRemarks && visit.RemarkCount > 0)
        {
            errors.Add("outcome", "The checklist has remarks: the outcome is MinorRemarks or SeriousRemarks.");
        }
        else if (outcome is VisitOutcome.MinorRemarks or VisitOutcome.SeriousRemarks && visit.RemarkCount == 0)
        {
            errors.Add("outcome", "The checklist has no remarks: the outcome is NoRemarks.");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var now = clock.GetUtcNow();
        visit.Outcome = outcome;
        visit.OutcomeAt = now;
        var venue = await db.Set<Venue>().FirstAsync(v => v.Id == visit.VenueId);
        Guid? caseId = null;
        if (outcome == VisitOutcome.MinorRemarks)
        {
            var settings = await db.InspectionSettingsForAsync(visit.MunicipalityId);
            await ReInspection.ScheduleAsync(db, publish, venue, now, settings, visit.Id, "Minor remarks at the visit");
        }
        else if (outcome == VisitOutcome.SeriousRemarks)
        {
            var (kind, note) = (VenueHistoryKind.SupervisionOpened, "Serious remarks: a supervision case was opened.");
            if (venue.OpenSupervisionCaseId is { } open)
            {
                var current = await db.Set<SupervisionCase>().FirstAsync(c => c.Id == open);
                if (current.Decision is { } decided)
                {
                    return InspectionProblems.Conflict(
                        SupervisionAlreadyDecided,
                        string.Create(CultureInfo.InvariantCulture, $"The venue's supervision case was decided on {current.DecidedAt:yyyy-MM-dd} ({decided}); these remarks need a case of their own. Close that case, then decide this outcome again."));
                }

                // Not yet decided: the remarks join the open case, and the board decides on both visits.
                caseId = open;
                (kind, note) = (VenueHistoryKind.RemarksAddedToSupervision, "Serious remarks: added to the open supervision case.");
            }
            else
            {
                var supervision = new SupervisionCase { Id = Guid.NewGuid(), MunicipalityId = visit.MunicipalityId, VenueId = venue.Id, VisitId = visit.Id, OpenedAt = now };
                db.Add(supervision);
                venue.OpenSupervisionCaseId = supervision.Id;
                caseId = supervision.Id;
                await publish.Publish(new SupervisionCaseOpened(supervision.Id, venue.Id, visit.MunicipalityId));
            }

            var entry = VenueHistoryEntry.For(venue, now, kind, note);
            entry.VisitId = visit.Id;
            entry.SupervisionCaseId = caseId;
            db.Add(entry);
        }

        await db.SaveChangesAsync();
        return TypedResults.Ok(new { visit.Id, outcome = outcome.ToString(), supervisionCaseId = caseId, venue.ReInspectionDueAt });
    }
}
