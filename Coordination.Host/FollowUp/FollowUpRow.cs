namespace Coordination.Host.FollowUp;

/// <summary>One measure of the report, e.g. section "ProtectiveAssessment", measure "Late".</summary>
public sealed record FollowUpRow(string Section, string Measure, int Value);
