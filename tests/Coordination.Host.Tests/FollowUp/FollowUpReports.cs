using Coordination.Host.FollowUp;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.FollowUp;

internal static class FollowUpReports
{
    /// <summary>Älvby's report for the half-year of the test, as a manager of its agency of <paramref name="kind"/> reads it.</summary>
    public static Task<FollowUpReport> ForManagerAsync(InProcessHostFactory host, AgencyKind kind) =>
        ForManagerAsync(host, kind, HalfYear.Containing(host.Clock.GetUtcNow()));

    /// <summary>Älvby's report for <paramref name="half"/>, as a manager of its agency of <paramref name="kind"/> reads it.</summary>
    public static async Task<FollowUpReport> ForManagerAsync(InProcessHostFactory host, AgencyKind kind, HalfYear half)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Workflows.Persistence.CoordinationDbContext>();
        var agency = await db.Agencies.Where(a => a.Municipality!.Code == "9901" && a.Kind == kind).SingleAsync();
        var manager = new CaseViewer(Guid.NewGuid(), [new MembershipClaim(agency.MunicipalityId, agency.Id, kind, MembershipRole.Manager)]);
        var report = await scope.ServiceProvider.GetRequiredService<FollowUpReportQuery>().ForAsync(manager, agency.MunicipalityId, half, CancellationToken.None);
        return report!;
    }

    public static int Row(FollowUpReport report, string section, string measure) =>
        report.Rows.Single(r => r.Section == section && r.Measure == measure).Value;
}
