using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Security.Audit;

/// <summary>
/// The audit log for auditors: search and CSV export, limited to the auditor's municipalities;
/// verification of the chain for auditors and administrators.
/// </summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup("/api/audit").WithTags("Audit");
        audit.MapGet("/entries", SearchAsync).RequireAuthorization(AuditPolicy.Auditor);
        audit.MapGet("/export", ExportAsync).RequireAuthorization(AuditPolicy.Auditor);
        audit.MapGet("/verification", VerifyAsync).RequireAuthorization(AuditPolicy.AuditorOrAdministrator);
        return endpoints;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, CoordinationDbContext db, CancellationToken cancellationToken)
    {
        var (query, errors) = AuditQuery.Read(http.Request.Query);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The request has invalid fields");
        }

        var entries = await AuditSearch.Entries(db, query, http.User).OrderBy(e => e.Sequence).Take(query.Limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(e => new
        {
            e.Sequence, e.At, e.ActorUserId, e.Actor, action = e.Action.ToString(), e.SubjectType, e.SubjectId, e.MunicipalityId, e.Basis, e.Detail, e.PreviousHash, e.Hash,
        }));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, CoordinationDbContext db, AuditTrail trail, CancellationToken cancellationToken)
    {
        var (query, errors) = AuditQuery.Read(http.Request.Query);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The request has invalid fields");
        }

        return TypedResults.File(await AuditSearch.ExportAsync(db, trail, query, http.User, http.Request.QueryString.Value, cancellationToken), "text/csv; charset=utf-8", "audit.csv");
    }

    private static async Task<IResult> VerifyAsync(CoordinationDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AuditVerifier.VerifyAsync(db, cancellationToken));
}
