namespace Coordination.Host.Inspections.Rounds;

/// <summary>Why a round planned with the police goes ahead without them (required).</summary>
internal sealed record WithoutPoliceRequest(string? Reason);
