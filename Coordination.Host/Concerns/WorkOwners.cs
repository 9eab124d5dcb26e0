namespace Coordination.Host.Concerns;

/// <summary>The holders of the work a page shows (<see cref="AgencyDirectory.OwnersAsync"/>): by user, and whether each may still be given work in an agency.</summary>
public sealed class WorkOwners(IReadOnlyDictionary<Guid, string> names, IReadOnlySet<(Guid AgencyId, Guid UserId)> assignable)
{
    public static readonly WorkOwners None = new(new Dictionary<Guid, string>(), new HashSet<(Guid, Guid)>());

    /// <summary>The holder of work of the agency, or null when nobody holds it (or the account is gone).</summary>
    public WorkOwner? Of(Guid agencyId, Guid? userId) =>
        userId is { } id && names.TryGetValue(id, out var name) ? new WorkOwner(id, name, !assignable.Contains((agencyId, id))) : null;
}
