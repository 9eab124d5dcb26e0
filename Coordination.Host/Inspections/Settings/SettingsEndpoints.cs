using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using System.Security.Claims;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Settings;

/// <summary>A municipality's inspection settings: read by its licensing unit, changed by its managers.</summary>
internal static class SettingsEndpoints
{
    public static void MapInspectionSettingsEndpoints(this IEndpointRouteBuilder inspections)
    {
        var settings = inspections.MapGroup("/settings/{municipalityId:guid}").WithTags("Inspections: settings");
        settings.MapGet("/", GetAsync);
        settings.MapPut("/", ChangeAsync);
    }

    private static async Task<IResult> GetAsync(Guid municipalityId, ClaimsPrincipal user, CoordinationDbContext db) =>
        user.IsLicensing(municipalityId) || user.IsLicensingManager(municipalityId)
            ? TypedResults.Ok(await db.InspectionSettingsForAsync(municipalityId))
            : InspectionProblems.NotFound("Municipality");

    private static async Task<IResult> ChangeAsync(Guid municipalityId, InspectionSettings request, ClaimsPrincipal user, CoordinationDbContext db, AuditTrail audit)
    {
        if (!user.IsLicensingManager(municipalityId))
        {
            return InspectionProblems.Forbidden("Inspection settings are changed by the licensing unit's managers.");
        }

        var errors = new ValidationErrors();
        void AtLeast(string field, int value, int minimum)
        {
            if (value < minimum)
            {
                errors.Add(field, $"Must be at least {minimum}.");
            }
        }

        AtLeast("yearlyJointRoundPromise", request.YearlyJointRoundPromise, 0);
        AtLeast("participationAnswerWorkingDays", request.ParticipationAnswerWorkingDays, 1);
        AtLeast("participationReminderWorkingDays", request.ParticipationReminderWorkingDays, 0);
        AtLeast("protocolWorkingDays", request.ProtocolWorkingDays, 1);
        AtLeast("protocolReminderWorkingDays", request.ProtocolReminderWorkingDays, 0);
        AtLeast("kommuniceringReplyDays", request.KommuniceringReplyDays, 1);
        AtLeast("reInspectionDays", request.ReInspectionDays, 1);
        AtLeast("supervisionFollowUpMonths", request.SupervisionFollowUpMonths, 1);
        foreach (var (field, weight) in new[]
        {
            ("dancingWeight", request.DancingWeight), ("youngCrowdWeight", request.YoungCrowdWeight), ("lateHoursWeight", request.LateHoursWeight),
            ("earlierRemarkWeight", request.EarlierRemarkWeight), ("earlierSanctionWeight", request.EarlierSanctionWeight),
            ("complaintWeight", request.ComplaintWeight), ("monthSinceLastVisitWeight", request.MonthSinceLastVisitWeight),
            ("supervisionFollowUpWeight", request.SupervisionFollowUpWeight),
        })
        {
            AtLeast(field, weight, 0);
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        request.MunicipalityId = municipalityId;
        var stored = await db.Set<InspectionSettings>().FirstOrDefaultAsync(s => s.MunicipalityId == municipalityId);
        if (stored is null)
        {
            db.Add(request);
        }
        else
        {
            db.Entry(stored).CurrentValues.SetValues(request);
        }

        audit.Record(user.Audit(AuditAction.SettingsChanged, "InspectionSettings", municipalityId, municipalityId, "Licensing manager of the municipality"));
        await audit.SaveChangesAsync(CancellationToken.None);
        return TypedResults.Ok(request);
    }
}
