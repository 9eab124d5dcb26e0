namespace Coordination.Host.Inspections.Supervision;

/// <summary>The six-monthly follow-up of a venue under supervision, held: a short note of what was reviewed.</summary>
internal sealed record FollowUpRequest(string? Note);
