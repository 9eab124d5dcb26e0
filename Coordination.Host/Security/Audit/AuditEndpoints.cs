using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
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

        var entries = await Filter(db, query, http).OrderBy(e => e.Sequence).Take(query.Limit).ToListAsync(cancellationToken);
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

        var entries = await Filter(db, query with { Limit = int.MaxValue }, http).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);

        // An export carries personal-data references out of the service: it is itself audited.
        trail.Record(http.User.Audit(AuditAction.AuditExported, "AuditLog", "export", null, "Auditor", $"{entries.Count} entries; filter {http.Request.QueryString.Value}"));
        await trail.SaveChangesAsync(cancellationToken);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(AuditCsv.Write(entries)), "text/csv; charset=utf-8", "audit.csv");
    }

    private static async Task<IResult> VerifyAsync(CoordinationDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AuditVerifier.VerifyAsync(db, cancellationToken));

    private static IQueryable<AuditEntry> Filter(CoordinationDbContext db, AuditQuery query, HttpContext http)
    {
        var municipalities = MembershipClaim.From(http.User).Where(m => m.Role == MembershipRole.Auditor).Select(m => m.MunicipalityId).Distinct().ToList();

        // An entry of no municipality (a sign-in, a sign-out, an export) is about its actor: an
        // auditor sees those of the people who work in one of the auditor's municipalities, and
        // failed sign-ins to an address that is nobody's account, which no municipality owns.
        var members = db.Set<Membership>().Where(m => municipalities.Contains(m.Agency!.MunicipalityId)).Select(m => m.UserId);
        var entries = db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.MunicipalityId != null
                ? municipalities.Contains(e.MunicipalityId.Value)
                : e.ActorUserId == null || members.Contains(e.ActorUserId.Value));
        if (query.ActorUserId is { } actor)
        {
            entries = entries.Where(e => e.ActorUserId == actor);
        }

        if (query.SubjectType is { } type)
        {
            entries = entries.Where(e => e.SubjectType == type);
        }

        if (query.SubjectId is { } id)
        {
            entries = entries.Where(e => e.SubjectId == id);
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At <= to);
        }

        return entries;
    }
}
