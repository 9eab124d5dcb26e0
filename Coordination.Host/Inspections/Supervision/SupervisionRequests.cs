namespace Coordination.Host.Inspections.Supervision;

/// <summary>The proposed sanction communicated to the licensee, with the text sent.</summary>
internal sealed record KommuniceringRequest(string? ProposedSanction, string? Text);
