using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections.Tasks;

namespace Coordination.Host.Concerns;

/// <summary>
/// One managed agency's overdue work, and for social services the legal assessments near their
/// limit (within the rules' <c>NearLimitWorkingDays</c>, not yet past it). Inspection tasks
/// (a round to take part in, a protocol to send, a re-inspection, a decision) are the licensing
/// unit's and the participating agencies' overdue work of Workflow B.
/// </summary>
public sealed record AgencyOverdue(
    Guid AgencyId, Guid MunicipalityId, AgencyKind AgencyKind,
    IReadOnlyList<AgencyTaskState> Tasks, IReadOnlyList<OverdueAssessment> Assessments, IReadOnlyList<ReviewState> Reviews,
    IReadOnlyList<OverdueAssessment> NearLimit, IReadOnlyList<InspectionTask> InspectionTasks);
