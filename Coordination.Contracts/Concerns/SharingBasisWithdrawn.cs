namespace Coordination.Contracts.Concerns;

/// <summary>A consent was withdrawn; agencies not covered by another basis lose access and their open tasks.</summary>
public sealed record SharingBasisWithdrawn(Guid ConcernId, Guid BasisId, IReadOnlyList<Guid> StillSharedWithAgencyIds, DateTimeOffset WithdrawnAt);
