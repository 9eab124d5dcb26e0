namespace Coordination.Workflows.Concerns.Sharing;

/// <summary>A joint-work task offered to an agency when a legal basis was recorded.</summary>
public sealed record SharingOffer(Guid AgencyId, Guid TaskId);
