namespace Coordination.Contracts.Inspections;

/// <summary>The board decided erinran, varning or återkallelse in a supervision case; the appeal window and follow-up start.</summary>
public sealed record SanctionDecided(Guid CaseId, Guid VenueId, string Sanction, DateTimeOffset DecidedAt, DateTimeOffset AppealEndsAt, DateTimeOffset FollowUpAt);
