namespace Coordination.Contracts.Concerns;

/// <summary>Consent or another legal basis for sharing the concern with other agencies was recorded.</summary>
public sealed record SharingBasisRecorded(Guid ConcernId, Guid BasisId, IReadOnlyList<Guid> SharedWithAgencyIds, DateTimeOffset RecordedAt);
