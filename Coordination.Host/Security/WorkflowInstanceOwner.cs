using Coordination.Contracts.Concerns;
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
/// Whose a workflow instance is, so that operations (journal, incidents, the timers it received)
/// stay with the administrators who answer for it. A concern's workflows are social services'
/// (the concern's own and its plan's reviews: their states are the assessments, which the other
/// agencies never read) and each of its tasks the agency's it was offered to (accepted,
/// declined); so an administrator of another agency of the municipality reads none of them
/// (DOMAIN.md, information sharing). An inspection's workflows are the municipality's: its
/// records are one municipality's business, not another agency's secret.
/// </summary>
internal static class WorkflowInstanceOwner
{
    private static readonly string ConcernMessagePrefix = $"urn:message:{typeof(ConcernRaised).Namespace}:";

    /// <summary>
    /// The owner of each instance that belongs to a known workflow, in one query however many
    /// instances a page lists (an incident or reminder list asks for up to a hundred).
    /// </summary>
    private static async Task<Dictionary<Guid, Owned>> OwnersOfAsync(CoordinationDbContext db, IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<Guid, Owned>();
        if (instanceIds.Count == 0)
        {
            return owners;
        }

        var ids = instanceIds.Distinct().ToList();
        var rows = await db.Set<AgencyTaskState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId, AgencyId = s.AgencyId, SocialServices = false })
            .Concat(db.Set<ConcernState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId, AgencyId = null, SocialServices = true }))
            .Concat(db.Set<ReviewState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId, AgencyId = null, SocialServices = true }))
            .Concat(db.Set<ParticipationRequestState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId, AgencyId = null, SocialServices = false }))
            .Concat(db.Set<SupervisionCaseState>().Select(s => new Owned { Id = s.CorrelationId, MunicipalityId = s.MunicipalityId, AgencyId = null, SocialServices = false }))
            .Concat(db.Set<Visit>().Select(v => new Owned { Id = v.Id, MunicipalityId = v.MunicipalityId, AgencyId = null, SocialServices = false }))
            .Concat(db.Set<InspectionTask>().Select(t => new Owned { Id = t.Id, MunicipalityId = t.MunicipalityId, AgencyId = null, SocialServices = false }))
            .Where(o => ids.Contains(o.Id))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            owners.TryAdd(row.Id, row);
        }

        return owners;
    }

    /// <summary>Whether the user administers the instance (<see cref="WorkflowInstanceOwner"/>); an instance of no known workflow is nobody's to read.</summary>
    public static async Task<bool> AdministeredByAsync(CoordinationDbContext db, Guid instanceId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await AdministeredAmongAsync(db, [instanceId], user, cancellationToken)).Contains(instanceId);

    /// <summary>Those of <paramref name="instanceIds"/> the user administers.</summary>
    public static async Task<HashSet<Guid>> AdministeredAmongAsync(CoordinationDbContext db, IReadOnlyCollection<Guid> instanceIds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instanceIds);
        var administrators = Administrators(user);
        if (administrators.Count == 0)
        {
            return [];
        }

        return (await OwnersOfAsync(db, instanceIds, cancellationToken)).Values
            .Where(o => o.AdministeredBy(administrators))
            .Select(o => o.Id)
            .ToHashSet();
    }

    /// <summary>
    /// Whether the user may see and retry an incident: those who administer its workflow instance.
    /// When the instance does not exist (the message that failed was the one to create it), the
    /// message decides: one of a concern's workflows is for the administrators of the agency it
    /// names (<c>agencyId</c>: a task's, or the reviewing social services), else of social services
    /// of the municipality it names (<c>municipalityId</c>), else of social services in every
    /// municipality; any other message for the administrators of the municipality it names. An
    /// incident that names neither (its exception text could be about anyone's record) is only for
    /// those who administer every municipality of the deployment.
    /// </summary>
    public static async Task<bool> IncidentVisibleToAsync(CoordinationDbContext db, Guid? instanceId, string? body, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await IncidentVisibilityAsync(db, [instanceId], user, cancellationToken))(instanceId, body);

    /// <summary>The rule of <see cref="IncidentVisibleToAsync"/> for a list of incidents (instance, message body), read in at most two queries.</summary>
    public static async Task<Func<Guid?, string?, bool>> IncidentVisibilityAsync(CoordinationDbContext db, IReadOnlyCollection<Guid?> instanceIds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instanceIds);
        var administrators = Administrators(user);
        if (administrators.Count == 0)
        {
            return (_, _) => false;
        }

        var owners = await OwnersOfAsync(db, instanceIds.OfType<Guid>().ToList(), cancellationToken);
        List<Guid> municipalities = [];
        if (instanceIds.Any(id => id is not { } known || !owners.ContainsKey(known)))
        {
            municipalities = await db.Municipalities.Select(m => m.Id).ToListAsync(cancellationToken);
        }

        bool AdministersEvery(Func<MembershipClaim, bool> membership) =>
            municipalities.Count > 0 && municipalities.All(m => administrators.Any(a => a.MunicipalityId == m && membership(a)));

        return (id, body) =>
        {
            if (id is { } known && owners.TryGetValue(known, out var owner))
            {
                return owner.AdministeredBy(administrators);
            }

            var named = NamedIn(body);
            if (named.Concern)
            {
                return named.AgencyId is { } agency ? administrators.Any(a => a.AgencyId == agency)
                    : named.MunicipalityId is { } concerned ? administrators.Any(a => a.MunicipalityId == concerned && a.AgencyKind == AgencyKind.SocialServices)
                    : AdministersEvery(a => a.AgencyKind == AgencyKind.SocialServices);
            }

            return (named.MunicipalityId is { } municipality && administrators.Any(a => a.MunicipalityId == municipality)) || AdministersEvery(_ => true);
        };
    }

    /// <summary>
    /// What a message says of whose it is, read from MassTransit's JSON envelope as stored with an
    /// incident: whether it is one of a concern's workflows, and the municipality and agency it names.
    /// </summary>
    private static (bool Concern, Guid? MunicipalityId, Guid? AgencyId) NamedIn(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return (false, null, null);
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return (false, null, null);
            }

            var concern = root.TryGetProperty("messageType", out var types) && types.ValueKind == System.Text.Json.JsonValueKind.Array
                && types.EnumerateArray().Any(t => t.ValueKind == System.Text.Json.JsonValueKind.String && t.GetString()!.StartsWith(ConcernMessagePrefix, StringComparison.Ordinal));
            return root.TryGetProperty("message", out var message) && message.ValueKind == System.Text.Json.JsonValueKind.Object
                ? (concern, IdIn(message, "municipalityId"), IdIn(message, "agencyId"))
                : (concern, null, null);
        }
        catch (System.Text.Json.JsonException)
        {
            return (false, null, null);
        }
    }

    private static Guid? IdIn(System.Text.Json.JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : null;

    private static List<MembershipClaim> Administrators(ClaimsPrincipal user) =>
        MembershipClaim.From(user).Where(m => m.Role == MembershipRole.Administrator).ToList();

    private sealed class Owned
    {
        public Guid Id { get; init; }

        public Guid MunicipalityId { get; init; }

        /// <summary>The agency a concern's task was offered to: only its administrators answer for it.</summary>
        public Guid? AgencyId { get; init; }

        /// <summary>Whether the instance is social services' (a concern's own workflow, a review of its plan).</summary>
        public bool SocialServices { get; init; }

        public bool AdministeredBy(IReadOnlyList<MembershipClaim> administrators) =>
            administrators.Any(m => m.MunicipalityId == MunicipalityId
                && (AgencyId is not { } agency || m.AgencyId == agency)
                && (!SocialServices || m.AgencyKind == AgencyKind.SocialServices));
    }
}
