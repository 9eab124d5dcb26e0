using Coordination.Host.Inspections.Participation;
using Coordination.Host.Inspections.Rounds;
using Coordination.Host.Inspections.Settings;
using Coordination.Host.Inspections.Supervision;
using Coordination.Host.Inspections.Tasks;
using Coordination.Host.Inspections.Venues;
using Coordination.Host.Inspections.Visits;
using Coordination.Host.Security.Audit;

namespace Coordination.Host.Inspections;

/// <summary>The HTTP API of joint licensing inspections (Workflow B), one endpoint group per feature.</summary>
internal static class InspectionEndpoints
{
    /// <summary>What the API and the inspection pages share: the audit of the reads of the inspection records.</summary>
    public static IServiceCollection AddInspections(this IServiceCollection services) => services.AddScoped<InspectionReadAudit>();

    public static IEndpointRouteBuilder MapInspectionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var inspections = endpoints.MapGroup("/api/inspections");
        inspections.MapVenueEndpoints();
        inspections.MapRoundEndpoints();
        inspections.MapParticipationEndpoints();
        inspections.MapVisitEndpoints();
        inspections.MapSupervisionEndpoints();
        inspections.MapTaskEndpoints();
        inspections.MapInspectionSettingsEndpoints();
        return endpoints;
    }
}
