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

    internal static async Task<IResult> GetAsync(Guid municipalityId, ClaimsPrincipal user, CoordinationDbContext db) =>
        user.IsLicensing(municipalityId) || user.IsLicensingManager(municipalityId)
            ? TypedResults.Ok(await db.InspectionSettingsForAsync(municipalityId))
            : InspectionProblems.NotFound("Municipality");

    internal static async Task<IResult> ChangeAsync(Guid municipalityId, InspectionSettings request, ClaimsPrincipal user, CoordinationDbContext db, AuditTrail audit)
    {
        if (!user.IsLicensingManager(municipalityId))
        {
            return InspectionProblems.Forbidden("Inspection settings are changed by the licensing unit's managers.");
        }

        var errors = Validate(request);
        if (errors.Any)
        {
            return errors.Problem();
        }

        request.MunicipalityId = municipalityId;
        if (!await SaveAsync(request, user, db, audit))
        {
            // Another manager stored the municipality's first settings at the same moment. A save
            // replaces the settings whole, so this one is saved over them as if it came a moment later.
            db.ChangeTracker.Clear();
            await SaveAsync(request, user, db, audit);
        }

        return TypedResults.Ok(request);
    }

    /// <summary>Stores the settings with their audit entry; false when a first save lost the race for the row.</summary>
    private static async Task<bool> SaveAsync(InspectionSettings request, ClaimsPrincipal user, CoordinationDbContext db, AuditTrail audit)
    {
        var stored = await db.Set<InspectionSettings>().FirstOrDefaultAsync(s => s.MunicipalityId == request.MunicipalityId);
        if (stored is null)
        {
            db.Add(request);
        }
        else
        {
            db.Entry(stored).CurrentValues.SetValues(request);
        }

        audit.Record(user.Audit(AuditAction.SettingsChanged, "InspectionSettings", request.MunicipalityId, request.MunicipalityId, "Licensing manager of the municipality"));
        try
        {
            await audit.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateException) when (stored is null)
        {
            return false;
        }
    }

    /// <summary>Every range error of the settings at once; the settings page checks the fields it could read with it too.</summary>
    internal static ValidationErrors Validate(InspectionSettings request)
    {
        var errors = new ValidationErrors();

        // Upper bounds as well as lower ones: a deadline counted in working days from a huge
        // setting lies past the calendar's end, and every later visit or round would fail on it.
        void Within(string field, int value, int minimum, int maximum)
        {
            if (value < minimum || value > maximum)
            {
                errors.Add(field, $"Must be between {minimum} and {maximum}.");
            }
        }

        Within("yearlyJointRoundPromise", request.YearlyJointRoundPromise, 0, 365);
        Within("participationAnswerWorkingDays", request.ParticipationAnswerWorkingDays, 1, 60);
        Within("participationReminderWorkingDays", request.ParticipationReminderWorkingDays, 0, 60);
        Within("protocolWorkingDays", request.ProtocolWorkingDays, 1, 60);
        Within("protocolReminderWorkingDays", request.ProtocolReminderWorkingDays, 0, 60);
        Within("kommuniceringReplyDays", request.KommuniceringReplyDays, 1, 90);
        Within("reInspectionDays", request.ReInspectionDays, 1, 365);
        Within("supervisionFollowUpMonths", request.SupervisionFollowUpMonths, 1, 24);
        Within("lateAppealEntryDays", request.LateAppealEntryDays, 1, 180);
        foreach (var (field, weight) in new[]
        {
            ("dancingWeight", request.DancingWeight), ("youngCrowdWeight", request.YoungCrowdWeight), ("lateHoursWeight", request.LateHoursWeight),
            ("earlierRemarkWeight", request.EarlierRemarkWeight), ("earlierSanctionWeight", request.EarlierSanctionWeight),
            ("complaintWeight", request.ComplaintWeight), ("monthSinceLastVisitWeight", request.MonthSinceLastVisitWeight),
            ("supervisionFollowUpWeight", request.SupervisionFollowUpWeight),
        })
        {
            Within(field, weight, 0, 1000);
        }

        return errors;
    }
}
