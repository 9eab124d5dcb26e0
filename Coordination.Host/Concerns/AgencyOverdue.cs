using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;

namespace Coordination.Host.Concerns;

/// <summary>One managed agency's overdue work.</summary>
public sealed record AgencyOverdue(
    Guid AgencyId, Guid MunicipalityId, AgencyKind AgencyKind,
    IReadOnlyList<AgencyTaskState> Tasks, IReadOnlyList<OverdueAssessment> Assessments, IReadOnlyList<ReviewState> Reviews);
