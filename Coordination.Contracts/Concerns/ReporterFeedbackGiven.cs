namespace Coordination.Contracts.Concerns;

/// <summary>The reporter was told whether an investigation was opened (återkoppling, SoL 14 kap. 1 b §).</summary>
public sealed record ReporterFeedbackGiven(Guid ConcernId, ReporterFeedback Outcome, Guid GivenByUserId, DateTimeOffset GivenAt);
