namespace Coordination.Host.Inspections.Participation;

/// <summary>A decline's reason, or another time proposed (local date yyyy-MM-dd and HH:mm) with a note.</summary>
internal sealed record ParticipationAnswerRequest(string? Reason, string? Date, string? EveningStart);
