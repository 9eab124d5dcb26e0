namespace Coordination.Host.FollowUp;

/// <summary>One municipality's half-year in numbers: measures by section, and a few counts per month for the chart.</summary>
public sealed record FollowUpReport(Guid MunicipalityId, HalfYear Half, IReadOnlyList<FollowUpRow> Rows, IReadOnlyList<FollowUpMonth> Months);
