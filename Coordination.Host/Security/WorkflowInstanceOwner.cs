using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Coordination.Host.Security;

/// <summary>
/// The municipality a workflow instance belongs to, so that operations (journal, incidents)
/// stay inside the municipalities an administrator administers: a municipality's data is
/// never shown in another's, operational data included.
/// </summary>
internal static class WorkflowInstanceOwner
{
    /// <summary>
    /// The municipality of each instance that belongs to a known workflow, in one query however
    /// many instances a page lists (an incident or reminder list asks for up to a hundred).
    /// </summary>
    public static async Task<Dictionary<Guid, Guid>> MunicipalitiesOfAsync(CoordinationDbContext db, IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instanceIds);
        var owners = new Dictionary<Guid, Guid>();
        if (instanceIds.Count == 0)
        {
            return owners;
        }

        var ids = instanceIds.Distinct().ToList();
        var rows = await db.Set<ConcernState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId })
            .Concat(db.Set<AgencyTaskState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId }))
            .Concat(db.Set<ReviewState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId }))
            .Concat(db.Set<ParticipationRequestState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId }))
            .Concat(db.Set<SupervisionCaseState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId }))
            .Concat(db.Set<Visit>().Select(v => new Owned { Id = v.Id, MunicipalityId = v.MunicipalityId }))
            .Concat(db.Set<InspectionTask>().Select(t => new Owned { Id = t.Id, MunicipalityId = t.MunicipalityId }))
            .Where(o => ids.Contains(o.Id))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            owners.TryAdd(row.Id, row.MunicipalityId);
        }

        return owners;
    }

    /// <summary>Whether the user administers the municipality the instance belongs to; an instance of no known municipality is nobody's to read.</summary>
    public static async Task<bool> AdministeredByAsync(CoordinationDbContext db, Guid instanceId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await AdministeredAmongAsync(db, [instanceId], user, cancellationToken)).Contains(instanceId);

    /// <summary>Those of <paramref name="instanceIds"/> whose municipality the user administers.</summary>
    public static async Task<HashSet<Guid>> AdministeredAmongAsync(CoordinationDbContext db, IReadOnlyCollection<Guid> instanceIds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var administered = Administered(user);
        if (administered.Count == 0)
        {
            return [];
        }

        return (await MunicipalitiesOfAsync(db, instanceIds, cancellationToken))
            .Where(o => administered.Contains(o.Value))
            .Select(o => o.Key)
            .ToHashSet();
    }

    /// <summary>
    /// Whether the user may see and retry an incident: the administrators of its workflow's
    /// municipality. When the workflow instance does not exist (the message that failed was the
    /// one to create it), the administrators of the municipality the message itself names
    /// (<c>municipalityId</c>); an incident that names neither (its exception text could be about
    /// anyone's record) only those who administer every municipality of the deployment.
    /// </summary>
    public static async Task<bool> IncidentVisibleToAsync(CoordinationDbContext db, Guid? instanceId, string? body, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await IncidentVisibilityAsync(db, [instanceId], user, cancellationToken))(instanceId, body);

    /// <summary>The rule of <see cref="IncidentVisibleToAsync"/> for a list of incidents (instance, message body), read in at most two queries.</summary>
    public static async Task<Func<Guid?, string?, bool>> IncidentVisibilityAsync(CoordinationDbContext db, IReadOnlyCollection<Guid?> instanceIds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var administered = Administered(user);
        if (administered.Count == 0)
        {
            return (_, _) => false;
        }

        var owners = await MunicipalitiesOfAsync(db, instanceIds.OfType<Guid>().ToList(), cancellationToken);
        var administersAll = false;
        if (instanceIds.Any(id => id is not { } known || !owners.ContainsKey(known)))
        {
            var municipalities = await db.Municipalities.Select(m => m.Id).ToListAsync(cancellationToken);
            administersAll = municipalities.All(administered.Contains);
        }

        return (id, body) =>
            id is { } known && owners.TryGetValue(known, out var municipality) ? administered.Contains(municipality)
            : MunicipalityNamedIn(body) is { } named ? administered.Contains(named) || administersAll
            : administersAll;
    }

    /// <summary>The <c>municipalityId</c> a message names, read from MassTransit's JSON envelope as stored with an incident.</summary>
    internal static Guid? MunicipalityNamedIn(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == System.Text.Json.JsonValueKind.Object
                && message.TryGetProperty("municipalityId", out var value)
                && value.ValueKind == System.Text.Json.JsonValueKind.String
                && Guid.TryParse(value.GetString(), out var id) ? id : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static HashSet<Guid> Administered(ClaimsPrincipal user) =>
        MembershipClaim.From(user).Where(m => m.Role == MembershipRole.Administrator).Select(m => m.MunicipalityId).ToHashSet();

    private sealed class Owned
    {
        public Guid Id { get; init; }

        public Guid MunicipalityId { get; init; }
    }
}
